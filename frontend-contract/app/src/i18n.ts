/**
 * The app's language: a signal holding "en" | "nl" | "ar", the UI strings of the three
 * languages, and the choice of a first language from the browser's preferences.
 * Page content comes translated from the API; only the app's own labels live here.
 */
import { signal } from "@preact/signals";

export type Lang = "en" | "nl" | "ar";
export const LANGUAGES: readonly Lang[] = ["en", "nl", "ar"];
/** Each language named in itself, for the language switch. */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: "English", nl: "Nederlands", ar: "العربية" };
const STORAGE_KEY = "helix-lang";

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Writing direction of a language. */
export function dirOf(language: Lang): "ltr" | "rtl" {
  return language === "ar" ? "rtl" : "ltr";
}

/**
 * The first language: a stored choice wins, then the first of the browser's languages that
 * Helix speaks ("nl-BE" counts as "nl"), else English.
 */
export function chooseLanguage(preferred: readonly string[], stored?: string | null): Lang {
  if (isLang(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLang(base)) return base;
  }
  return "en";
}

function initialLanguage(): Lang {
  if (typeof navigator === "undefined") return "en";
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be blocked (private mode); the browser's languages still decide.
  }
  return chooseLanguage(navigator.languages ?? [navigator.language], stored);
}

/** The language of the interface (and of the pages asked for). */
export const lang = signal<Lang>(initialLanguage());

/** Switch the interface language, remember it, and set `<html lang dir>`. */
export function setLang(next: Lang): void {
  lang.value = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not remembered; nothing else depends on it.
  }
  applyDocumentLanguage(next);
}

export function applyDocumentLanguage(language: Lang): void {
  if (typeof document === "undefined") return;
  document.documentElement.lang = language;
  document.documentElement.dir = dirOf(language);
}

/** The current language, for components (re-render when it changes). */
export function useLang(): Lang {
  return lang.value;
}

const en = {
  site_name: "Helix",
  tagline: "Your way to work in Flanders",
  skip_to_content: "Skip to content",
  main_menu: "Main menu",
  menu: "Menu",
  language: "Language",
  search: "Search",
  search_label: "Search the pages",
  search_button: "Search",
  search_results: "Results for “{q}”",
  no_results: "Nothing found. Try other words.",
  loading: "Loading…",
  error: "Something went wrong: {message}",
  retry: "Try again",
  not_found: "This page does not exist.",
  not_found_title: "Page not found",
  back_home: "Back to the home page",
  translation_missing: "This page has not been translated into {language} yet.",
  translation_outdated: "This translation may be behind the original.",
  read_in: "Read it in {language}",
  offline_line: "Offline: showing what you read before, last updated {date}.",
  offline_not_saved: "You are offline and this page was not saved on this device yet.",
  updated_line: "Saved for offline reading, last updated {date}.",
  footer_text: "Helix helps highly educated newcomers find work in Flanders.",
  api_docs: "API documentation",
  in_this_section: "In this section",
  step: "Step {n}",
  previous: "Previous",
  next: "Next",
  member_organisations: "Member organisations",
  step_pager: "Previous and next step",
  latest_posts: "Latest posts",
  no_posts: "No posts yet.",
  useful_links: "Useful links",
  download: "Download {title}",
  open_tool: "Open {title}",
  source: "Source: {source}",
  related_steps: "Related roadmap steps",
  faq_title: "Questions and answers",
  ask_question: "Ask a question",
  your_question: "Your question",
  send: "Send",
  question_sent: "Thank you. Your question was sent; an answer is published after review.",
  sign_in_to_ask: "Sign in to ask a question.",
  sign_in: "Sign in",
  install: "Install the app",
  close: "Close",
  lang_en: "English",
  lang_nl: "Dutch",
  lang_ar: "Arabic",
};
export type MessageKey = keyof typeof en;
type Dictionary = Record<MessageKey, string>;

const nl: Dictionary = {
  site_name: "Helix",
  tagline: "Jouw weg naar werk in Vlaanderen",
  skip_to_content: "Naar de inhoud",
  main_menu: "Hoofdmenu",
  menu: "Menu",
  language: "Taal",
  search: "Zoeken",
  search_label: "Zoek in de pagina's",
  search_button: "Zoeken",
  search_results: "Resultaten voor “{q}”",
  no_results: "Niets gevonden. Probeer andere woorden.",
  loading: "Bezig met laden…",
  error: "Er ging iets mis: {message}",
  retry: "Opnieuw proberen",
  not_found: "Deze pagina bestaat niet.",
  not_found_title: "Pagina niet gevonden",
  back_home: "Terug naar de startpagina",
  translation_missing: "Deze pagina is nog niet in het {language} vertaald.",
  translation_outdated: "Deze vertaling loopt misschien achter op het origineel.",
  read_in: "Lees ze in het {language}",
  offline_line: "Offline: je ziet wat je eerder las, laatst bijgewerkt op {date}.",
  offline_not_saved: "Je bent offline en deze pagina is nog niet op dit toestel bewaard.",
  updated_line: "Bewaard om offline te lezen, laatst bijgewerkt op {date}.",
  footer_text: "Helix helpt hoogopgeleide nieuwkomers aan werk in Vlaanderen.",
  api_docs: "API-documentatie",
  in_this_section: "In dit onderdeel",
  step: "Stap {n}",
  previous: "Vorige",
  next: "Volgende",
  member_organisations: "Aangesloten organisaties",
  step_pager: "Vorige en volgende stap",
  latest_posts: "Nieuwste berichten",
  no_posts: "Nog geen berichten.",
  useful_links: "Nuttige links",
  download: "{title} downloaden",
  open_tool: "{title} openen",
  source: "Bron: {source}",
  related_steps: "Verwante stappen van het stappenplan",
  faq_title: "Vragen en antwoorden",
  ask_question: "Stel een vraag",
  your_question: "Jouw vraag",
  send: "Versturen",
  question_sent: "Dank je. Je vraag is verstuurd; het antwoord verschijnt na controle.",
  sign_in_to_ask: "Meld je aan om een vraag te stellen.",
  sign_in: "Aanmelden",
  install: "De app installeren",
  close: "Sluiten",
  lang_en: "Engels",
  lang_nl: "Nederlands",
  lang_ar: "Arabisch",
};

const ar: Dictionary = {
  site_name: "هيليكس",
  tagline: "طريقك إلى العمل في فلاندرز",
  skip_to_content: "انتقل إلى المحتوى",
  main_menu: "القائمة الرئيسية",
  menu: "القائمة",
  language: "اللغة",
  search: "بحث",
  search_label: "ابحث في الصفحات",
  search_button: "ابحث",
  search_results: "نتائج البحث عن «{q}»",
  no_results: "لم يُعثر على شيء. جرّب كلمات أخرى.",
  loading: "جارٍ التحميل…",
  error: "حدث خطأ: {message}",
  retry: "حاول مرة أخرى",
  not_found: "هذه الصفحة غير موجودة.",
  not_found_title: "الصفحة غير موجودة",
  back_home: "العودة إلى الصفحة الرئيسية",
  translation_missing: "لم تُترجم هذه الصفحة إلى {language} بعد.",
  translation_outdated: "قد تكون هذه الترجمة أقدم من النص الأصلي.",
  read_in: "اقرأها باللغة {language}",
  offline_line: "أنت غير متصل: تعرض الصفحات التي قرأتها من قبل، آخر تحديث في {date}.",
  offline_not_saved: "أنت غير متصل ولم تُحفظ هذه الصفحة على هذا الجهاز بعد.",
  updated_line: "محفوظة للقراءة دون اتصال، آخر تحديث في {date}.",
  footer_text: "يساعد هيليكس القادمين الجدد من ذوي التعليم العالي على إيجاد عمل في فلاندرز.",
  api_docs: "توثيق واجهة البرمجة",
  in_this_section: "في هذا القسم",
  step: "الخطوة {n}",
  previous: "السابق",
  next: "التالي",
  member_organisations: "المنظمات الأعضاء",
  step_pager: "الخطوة السابقة والتالية",
  latest_posts: "أحدث المنشورات",
  no_posts: "لا توجد منشورات بعد.",
  useful_links: "روابط مفيدة",
  download: "تنزيل {title}",
  open_tool: "فتح {title}",
  source: "المصدر: {source}",
  related_steps: "خطوات ذات صلة في خريطة الطريق",
  faq_title: "أسئلة وأجوبة",
  ask_question: "اطرح سؤالاً",
  your_question: "سؤالك",
  send: "إرسال",
  question_sent: "شكراً لك. أُرسل سؤالك، وستُنشر الإجابة بعد المراجعة.",
  sign_in_to_ask: "سجّل الدخول لتطرح سؤالاً.",
  sign_in: "تسجيل الدخول",
  install: "تثبيت التطبيق",
  close: "إغلاق",
  lang_en: "الإنجليزية",
  lang_nl: "الهولندية",
  lang_ar: "العربية",
};

export const DICTIONARIES: Record<Lang, Dictionary> = { en, nl, ar };

/** A UI string in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}, language: Lang = lang.value): string {
  const text = DICTIONARIES[language][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** A language's name in the interface language ("Dutch", "Nederlands", "الهولندية"). */
export function languageName(of: Lang, language: Lang = lang.value): string {
  return t(`lang_${of}` as MessageKey, {}, language);
}

/** A date and time written the way the language writes it (Arabic digits and month names in Arabic). */
export function formatDate(value: string | number | Date, language: Lang = lang.value): string {
  const locale = language === "ar" ? "ar-EG" : language === "nl" ? "nl-BE" : "en-GB";
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" }).format(new Date(value));
}
