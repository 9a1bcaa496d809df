/**
 * Rich text from the API. Helix sanitises it on the server; the app still parses it inertly
 * (a <template>) and drops scripts, frames, event handlers and javascript: links before it
 * touches the page, so that a bad block can never run code (and the CSP would refuse it anyway).
 */
const DROP = new Set(["SCRIPT", "IFRAME", "OBJECT", "EMBED", "STYLE", "LINK", "META", "BASE", "FORM"]);

/** The HTML with anything executable removed. */
export function safeHtml(html: string): string {
  if (typeof document === "undefined") return "";
  const template = document.createElement("template");
  template.innerHTML = html;
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_ELEMENT);
  const drop: Element[] = [];
  for (let node = walker.nextNode() as Element | null; node; node = walker.nextNode() as Element | null) {
    if (DROP.has(node.tagName)) {
      drop.push(node);
      continue;
    }
    for (const attribute of Array.from(node.attributes)) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.trim().toLowerCase();
      if (name.startsWith("on") || ((name === "href" || name === "src") && value.startsWith("javascript:"))) {
        node.removeAttribute(attribute.name);
      }
    }
  }
  drop.forEach((node) => node.remove());
  return template.innerHTML;
}

export function RichText({ html, class: className }: { html: string; class?: string }) {
  return <div class={className ? `rich-text ${className}` : "rich-text"} dangerouslySetInnerHTML={{ __html: safeHtml(html) }} />;
}
