/**
 * The roadmap's answer kept in step with the talent's changes, without asking it again: a tick
 * changes its item, its step's count and the overall count; a status changes its step and the
 * counts of steps per status.
 */
import type { ApiComponents } from "@helix/client";

export type Roadmap = ApiComponents["schemas"]["JourneyRoadmap"];
export type StepStatus = ApiComponents["schemas"]["JourneyStepStatusEnum"];
export const STEP_STATUSES: StepStatus[] = ["not_started", "working_on_it", "done", "not_relevant"];

/** The roadmap with one checklist item ticked (or not). */
export function withTick(roadmap: Roadmap, itemId: string, ticked: boolean): Roadmap {
  let change = 0;
  const steps = roadmap.steps.map((step) => {
    const item = step.items.find((candidate) => candidate.id === itemId);
    if (!item || item.ticked === ticked) return step;
    const delta = ticked ? 1 : -1;
    change += delta;
    return {
      ...step,
      items_ticked: step.items_ticked + delta,
      items: step.items.map((candidate) => (candidate.id === itemId ? { ...candidate, ticked } : candidate)),
    };
  });
  if (!change) return roadmap;
  return { ...roadmap, steps, progress: { ...roadmap.progress, items_ticked: roadmap.progress.items_ticked + change } };
}

/** The roadmap with one step's status set. */
export function withStatus(roadmap: Roadmap, number: number, status: StepStatus, updatedAt: string | null = null): Roadmap {
  const step = roadmap.steps.find((candidate) => candidate.step === number);
  if (!step || step.status === status) return roadmap;
  const progress = { ...roadmap.progress };
  progress[step.status] -= 1;
  progress[status] += 1;
  return {
    ...roadmap,
    progress,
    steps: roadmap.steps.map((candidate) =>
      candidate.step === number ? { ...candidate, status, updated_at: updatedAt ?? candidate.updated_at } : candidate,
    ),
  };
}

/** The share of relevant steps done, 0 to 100 (steps marked not relevant do not count). */
export function percentDone(progress: Roadmap["progress"]): number {
  const relevant = progress.step_count - progress.not_relevant;
  return relevant > 0 ? Math.round((progress.done / relevant) * 100) : 0;
}
