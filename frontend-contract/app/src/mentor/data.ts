/**
 * The mentor screens' shared calls: the mentor's matches (one list call, every state a mentor
 * follows) and their meetings (one list call). Each screen asks once; no call per row.
 */
import type { ApiComponents } from "@helix/client";
import { helix } from "../api";
import { allPages } from "../connect/shared";

export type Match = ApiComponents["schemas"]["Match"];
export type Meeting = ApiComponents["schemas"]["Meeting"];

/** Every match the mentor is in that is not closed: talent–mentor ones and joining organisations. */
export function loadMatches(): Promise<Match[]> {
  return allPages((page, page_size) =>
    helix.api
      .GET("/api/v1/matches/", {
        params: { query: { kind: "talent_mentor,mentor_organisation", state: "proposed,active,paused", page, page_size } },
      })
      .then(({ data }) => data),
  );
}

/** The mentor's meetings (every one they plan or are invited to), one call. */
export function loadMeetings(query: { match?: string } = {}): Promise<Meeting[]> {
  return allPages((page, page_size) =>
    helix.api.GET("/api/v1/meetings/", { params: { query: { page, page_size, ...query } } }).then(({ data }) => data),
  );
}
