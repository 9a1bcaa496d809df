import { describe, expect, it } from "vitest";
import { canJoinProjects, JOIN_PROJECT } from "./JoinProject";
import type { Me } from "./shared";

const staff = (capabilities: string[]) => ({ role: "organisation", capabilities }) as unknown as Me;

describe("canJoinProjects", () => {
  it("needs the capability in /api/v1/me/, whatever the role", () => {
    expect(canJoinProjects(staff([JOIN_PROJECT]), new Set())).toBe(true);
    expect(canJoinProjects(staff(["dashboard.view_dashboard"]), new Set())).toBe(false);
  });

  it("offers no button where the person is a member or waits for an answer", () => {
    const me = staff([JOIN_PROJECT]);
    expect(canJoinProjects(me, new Set(), { my_membership: "active" })).toBe(false);
    expect(canJoinProjects(me, new Set(), { my_membership: "requested" })).toBe(false);
    expect(canJoinProjects(me, new Set(), { my_membership: null })).toBe(true);
    expect(canJoinProjects(me, new Set(), { my_membership: "left" })).toBe(true);
  });
});
