/**
 * The company's offers (/me/vacancies): publish a vacancy (the shared post form, vacancies only)
 * and the company's vacancies in every state with unpublish and publish again (one call).
 */
import { useState } from "preact/hooks";
import { Screen } from "../connect/shared";
import { MyPosts, PostForm } from "../connect/PostWriter";
import type { Post } from "../connect/posts";
import { useEmployerStrings } from "./strings";

function Vacancies() {
  const s = useEmployerStrings();
  const [fresh, setFresh] = useState<Post[]>([]);
  return (
    <>
      <PostForm types={["vacancy"]} onPublished={(post) => setFresh([post, ...fresh])} />
      <MyPosts only={["vacancy"]} fresh={fresh} emptyText={s.noVacancies} />
    </>
  );
}

export function VacanciesScreen() {
  const s = useEmployerStrings();
  return (
    <Screen title={s.vacanciesTitle} path="/me/vacancies" feature="posts" roles={["employer"]}>
      {() => <Vacancies />}
    </Screen>
  );
}
