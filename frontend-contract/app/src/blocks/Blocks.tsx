/**
 * Every StreamField block of a page (`body`, and a sector path's `related_steps`), switched on
 * the `type` of @helix/client's PageBlock union: a new block type in the contract is a type
 * error here until it is rendered.
 */
import type { BodyBlock, Page, RelatedStepBlock } from "@helix/client";
import { t } from "../i18n";
import { LatestPosts } from "./LatestPosts";
import { RichText } from "./RichText";

function external(url: string): boolean {
  return /^https?:\/\//.test(url) && !url.startsWith(location.origin);
}

export function BodyBlockView({ block }: { block: BodyBlock }) {
  switch (block.type) {
    case "practical_information":
      return (
        <section class="block practical">
          {block.value.heading && <h2>{block.value.heading}</h2>}
          <RichText html={block.value.text} />
        </section>
      );
    case "tips":
      return (
        <section class="block tips">
          {block.value.heading && <h2>{block.value.heading}</h2>}
          <ul>
            {block.value.tips.map((tip, index) => (
              <li key={index}>{tip}</li>
            ))}
          </ul>
        </section>
      );
    case "facts":
      return (
        <section class="block facts">
          {block.value.heading && <h2>{block.value.heading}</h2>}
          <dl>
            {block.value.facts.map((fact, index) => (
              <div key={index} class="fact">
                <dt>{fact.label}</dt>
                <dd>
                  <span class="fact-value">{fact.value}</span>
                  {fact.source && <small>{t("source", { source: fact.source })}</small>}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      );
    case "testimonial":
      return (
        <figure class="block testimonial">
          <blockquote>
            <p>{block.value.quote}</p>
          </blockquote>
          <figcaption>
            {block.value.name}
            {block.value.role && `, ${block.value.role}`}
          </figcaption>
        </figure>
      );
    case "useful_link":
      return (
        <section class="block useful-link">
          <h2 class="h3">
            <a href={block.value.url} rel={external(block.value.url) ? "noopener noreferrer" : undefined}>
              {block.value.title}
            </a>
          </h2>
          {block.value.description && <p>{block.value.description}</p>}
        </section>
      );
    case "tool": {
      const { title, description, document: file, url } = block.value;
      return (
        <section class="block tool">
          <h2 class="h3">{title}</h2>
          {description && <p>{description}</p>}
          <p class="actions">
            {file && (
              <a class="button" href={file.url} download>
                {t("download", { title: file.title || title })}
                {file.file_extension && ` (${file.file_extension.toUpperCase()})`}
              </a>
            )}
            {url && (
              <a class="button" href={url} rel={external(url) ? "noopener noreferrer" : undefined}>
                {t("open_tool", { title })}
              </a>
            )}
          </p>
        </section>
      );
    }
    case "latest_posts":
      return <LatestPosts block={block} />;
    case "steps":
      return (
        <section class="block steps">
          {block.value.heading && <h2>{block.value.heading}</h2>}
          <ol>
            {block.value.steps.map((step, index) => (
              <li key={index}>
                <h3>{step.title}</h3>
                <RichText html={step.text} />
              </li>
            ))}
          </ol>
        </section>
      );
    case "mentoring_domain":
      return (
        <section class="block mentoring-domain">
          <h2>{block.value.name}</h2>
          {block.value.summary && <p>{block.value.summary}</p>}
          <RichText html={block.value.prepare} />
          <RichText html={block.value.session} />
          {block.value.links.length > 0 && (
            <ul class="links">
              {block.value.links.map((link, index) => (
                <li key={index}>
                  <a href={link.url} rel={external(link.url) ? "noopener noreferrer" : undefined}>
                    {link.title}
                  </a>
                  {link.description && ` — ${link.description}`}
                </li>
              ))}
            </ul>
          )}
        </section>
      );
    case "question":
      return (
        <details class="block question">
          <summary>{block.value.question}</summary>
          <RichText html={block.value.answer} />
        </details>
      );
    default:
      return assertNever(block);
  }
}

/** Compile-time check that every block type of the contract has a case above. */
function assertNever(block: never): null {
  void block;
  return null;
}

function RelatedSteps({ blocks }: { blocks: RelatedStepBlock[] }) {
  const steps = blocks.filter((block) => block.value.step);
  if (steps.length === 0) return null;
  return (
    <section class="block related-steps">
      <h2>{t("related_steps")}</h2>
      <ul>
        {steps.map((block) => (
          <li key={block.id}>
            <a href={block.value.step!.html_path} lang={block.value.step!.locale}>
              {block.value.step!.title}
            </a>
            {block.value.note && <p>{block.value.note}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Organisation pages: role, support (HTML) and contact details. */
function OrganisationDetails({ page }: { page: Page }) {
  if (!page.role && !page.support && !page.website && !page.email && !page.phone && !page.address) return null;
  return (
    <section class="block organisation">
      {page.role && <p class="role">{page.role}</p>}
      {page.support && <RichText html={page.support} />}
      <ul class="contact">
        {page.website && (
          <li>
            <a href={page.website} rel="noopener noreferrer">
              {page.website.replace(/^https?:\/\//, "")}
            </a>
          </li>
        )}
        {page.email && (
          <li>
            <a href={`mailto:${page.email}`}>{page.email}</a>
          </li>
        )}
        {page.phone && (
          <li>
            <a href={`tel:${page.phone.replace(/\s/g, "")}`} dir="ltr">
              {page.phone}
            </a>
          </li>
        )}
        {page.address && <li>{page.address}</li>}
      </ul>
    </section>
  );
}

export function Blocks({ page }: { page: Page }) {
  return (
    <>
      <OrganisationDetails page={page} />
      {(page.body ?? []).map((block) => (
        <BodyBlockView key={block.id} block={block} />
      ))}
      {page.related_steps && <RelatedSteps blocks={page.related_steps} />}
    </>
  );
}
