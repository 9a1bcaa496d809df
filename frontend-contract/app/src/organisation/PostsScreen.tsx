/**
 * The organisation's posts (/me/organisation-posts): write and publish an event (or a vacancy, a
 * study, a project, a tool), and the organisation's posts in every state with unpublish and publish
 * again. Managing posts in bulk is the back office's.
 */
import { useState } from "preact/hooks";
import { MyPosts, PostForm } from "../connect/PostWriter";
import { POST_TYPES, type Post } from "../connect/posts";
import { Screen } from "../connect/shared";
import { useOrganisationStrings } from "./strings";

function Posts() {
  const s = useOrganisationStrings();
  const [fresh, setFresh] = useState<Post[]>([]);
  return (
    <>
      <PostForm types={POST_TYPES} onPublished={(post) => setFresh([post, ...fresh])} />
      <MyPosts fresh={fresh} emptyText={s.noMine} />
    </>
  );
}

export function OrganisationPostsScreen() {
  const s = useOrganisationStrings();
  return (
    <Screen title={s.postsTitle} path="/me/organisation-posts" feature="posts" roles={["organisation", "admin"]}>
      {() => <Posts />}
    </Screen>
  );
}
