/**
 * A "latest posts" block. The page brings the posts Helix chose when it was published
 * (`items`, also kept offline); online, the app asks the posts API for the newest ones of the
 * block's type and sector (`/api/v1/posts/?type=&sector=&locale=`), so the list stays current.
 */
import { type BlockOf, unwrap } from "@helix/client";
import { useEffect, useState } from "preact/hooks";
import { helix } from "../api";
import { formatDate, t, useLang } from "../i18n";
import { online } from "../offline/status";

interface PostItem {
  id?: string | number;
  type: string;
  title: string;
  summary?: string;
  link?: string;
  organisation?: string | null;
  organisation_name?: string | null;
  starts_at?: string | null;
  city?: string;
  locale?: string;
  dir?: "ltr" | "rtl";
}

export function LatestPosts({ block }: { block: BlockOf<"latest_posts"> }) {
  const language = useLang();
  const { heading, post_types: types, sectors, limit } = block.value;
  const [items, setItems] = useState<PostItem[]>(block.value.items as PostItem[]);
  useEffect(() => {
    setItems(block.value.items as PostItem[]);
    // The posts API filters one type and one sector at a time; wider blocks keep the page's items.
    if (!online.value || types.length > 1 || sectors.length > 1) return;
    let live = true;
    const query = {
      locale: language,
      order: "newest" as const,
      page_size: limit || 5,
      ...(types[0] ? { type: types[0] } : {}),
      ...(sectors[0] ? { sector: sectors[0] } : {}),
    };
    helix.api
      .GET("/api/v1/posts/", { params: { query } })
      .then((answer) => {
        const posts = unwrap(answer).results;
        if (live && posts.length) setItems(posts as unknown as PostItem[]);
      })
      .catch(() => {
        // Keep the items the page brought.
      });
    return () => {
      live = false;
    };
  }, [block.id, language]);
  return (
    <section class="block latest-posts">
      <h2>{heading || t("latest_posts")}</h2>
      {items.length === 0 ? (
        <p>{t("no_posts")}</p>
      ) : (
        <ul class="cards">
          {items.map((post, index) => (
            <li key={post.id ?? index} lang={post.locale} dir={post.dir}>
              <h3 class="h4">{post.link ? <a href={post.link} rel="noopener noreferrer">{post.title}</a> : post.title}</h3>
              <p class="meta">
                {[post.organisation_name ?? post.organisation, post.city, post.starts_at ? formatDate(post.starts_at, language) : null]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
              {post.summary && <p>{post.summary}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
