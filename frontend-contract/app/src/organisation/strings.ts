/**
 * The organisation staff's screens' own words (home, posts, projects), in English, Dutch and
 * Arabic; the post form's are in src/connect/postStrings.ts. Server messages come translated.
 */
import { useLang, type Lang } from "../i18n";

const en = {
  // menu
  navPosts: "Our posts",
  navProjects: "Projects",
  // home
  homeProfile: "Our public profile",
  noOrganisation: "Your account is not linked to an approved organisation yet. Once it is approved, its profile shows here.",
  adminNoOrganisation: "As an administrator you manage every organisation in the back office.",
  website: "Website",
  contact: "Contact",
  city: "City",
  editProfile: "Edit the profile in the back office",
  homePosts: "Our latest posts",
  noPosts: "No post yet. Write your first event or vacancy in “Our posts”.",
  allPosts: "All our posts",
  homeProjects: "Our projects",
  noProjects: "No project yet. Create one in the back office to welcome talents and mentors.",
  pendingCount: "{n} join requests waiting",
  noPending: "No join request waiting",
  allProjects: "All projects",
  backOffice: "Back office",
  backOfficeText: "Members, join requests, mentor matches, pages and reports are managed in the back office.",
  openBackOffice: "Open the back office",
  // posts
  postsTitle: "Our posts",
  noMine: "Nothing published yet. Fill the form above and press Publish.",
  // projects
  projectsTitle: "Projects",
  projectsIntro: "The programme's projects. Talents, mentors and organisations join them; you decide on join requests for your organisation's projects in the back office.",
  ours: "Run by your organisation",
  runBy: "Run by {org}",
  policy_open: "Anyone may join",
  policy_approval: "Joining needs approval",
  manage: "Manage members",
  otherProjects: "Other projects in the programme",
  noOtherProjects: "No other project yet.",
  membership: "Your membership: {status}",
  member_requested: "asked",
  member_active: "member",
  member_rejected: "refused",
  member_left: "left",
};

export type OrganisationStrings = typeof en;

const nl: OrganisationStrings = {
  navPosts: "Onze berichten",
  navProjects: "Projecten",
  homeProfile: "Ons publiek profiel",
  noOrganisation: "Je account is nog niet gekoppeld aan een goedgekeurde organisatie. Zodra die goedgekeurd is, verschijnt het profiel hier.",
  adminNoOrganisation: "Als beheerder beheer je alle organisaties in de backoffice.",
  website: "Website",
  contact: "Contact",
  city: "Stad",
  editProfile: "Het profiel aanpassen in de backoffice",
  homePosts: "Onze nieuwste berichten",
  noPosts: "Nog geen bericht. Schrijf je eerste evenement of vacature via “Onze berichten”.",
  allPosts: "Al onze berichten",
  homeProjects: "Onze projecten",
  noProjects: "Nog geen project. Maak er een aan in de backoffice om talenten en mentoren te verwelkomen.",
  pendingCount: "{n} aanvragen om lid te worden wachten",
  noPending: "Geen aanvraag om lid te worden",
  allProjects: "Alle projecten",
  backOffice: "Backoffice",
  backOfficeText: "Leden, aanvragen, mentorkoppelingen, pagina's en rapporten beheer je in de backoffice.",
  openBackOffice: "De backoffice openen",
  postsTitle: "Onze berichten",
  noMine: "Nog niets gepubliceerd. Vul het formulier hierboven in en kies Publiceren.",
  projectsTitle: "Projecten",
  projectsIntro: "De projecten van het programma. Talenten, mentoren en organisaties worden er lid van; over aanvragen voor de projecten van je organisatie beslis je in de backoffice.",
  ours: "Van jouw organisatie",
  runBy: "Van {org}",
  policy_open: "Iedereen kan lid worden",
  policy_approval: "Lid worden vraagt goedkeuring",
  manage: "Leden beheren",
  otherProjects: "Andere projecten in het programma",
  noOtherProjects: "Nog geen ander project.",
  membership: "Jouw lidmaatschap: {status}",
  member_requested: "aangevraagd",
  member_active: "lid",
  member_rejected: "geweigerd",
  member_left: "vertrokken",
};

const ar: OrganisationStrings = {
  navPosts: "منشوراتنا",
  navProjects: "المشاريع",
  homeProfile: "ملفنا العام",
  noOrganisation: "حسابك غير مرتبط بمنظمة معتمدة بعد. سيظهر ملفها هنا بعد اعتمادها.",
  adminNoOrganisation: "بصفتك مسؤولًا، تدير كل المنظمات من لوحة الإدارة.",
  website: "الموقع الإلكتروني",
  contact: "التواصل",
  city: "المدينة",
  editProfile: "تعديل الملف في لوحة الإدارة",
  homePosts: "أحدث منشوراتنا",
  noPosts: "لا منشورات بعد. اكتب أول فعالية أو وظيفة شاغرة من صفحة «منشوراتنا».",
  allPosts: "كل منشوراتنا",
  homeProjects: "مشاريعنا",
  noProjects: "لا مشاريع بعد. أنشئ مشروعًا في لوحة الإدارة لاستقبال المواهب والمرشدين.",
  pendingCount: "طلبات انضمام في الانتظار: {n}",
  noPending: "لا طلبات انضمام في الانتظار",
  allProjects: "كل المشاريع",
  backOffice: "لوحة الإدارة",
  backOfficeText: "تُدار العضويات وطلبات الانضمام وربط المرشدين والصفحات والتقارير من لوحة الإدارة.",
  openBackOffice: "فتح لوحة الإدارة",
  postsTitle: "منشوراتنا",
  noMine: "لم يُنشر شيء بعد. املأ الاستمارة أعلاه واضغط «نشر».",
  projectsTitle: "المشاريع",
  projectsIntro: "مشاريع البرنامج. تنضمّ إليها المواهب والمرشدون والمنظمات؛ وتقرّر في طلبات الانضمام إلى مشاريع منظمتك من لوحة الإدارة.",
  ours: "تديره منظمتك",
  runBy: "تديره {org}",
  policy_open: "الانضمام مفتوح للجميع",
  policy_approval: "الانضمام يحتاج إلى موافقة",
  manage: "إدارة الأعضاء",
  otherProjects: "مشاريع أخرى في البرنامج",
  noOtherProjects: "لا مشاريع أخرى بعد.",
  membership: "عضويتك: {status}",
  member_requested: "قيد الطلب",
  member_active: "عضو",
  member_rejected: "مرفوضة",
  member_left: "غادرت",
};

export const ORGANISATION_STRINGS: Record<Lang, OrganisationStrings> = { en, nl, ar };

export function useOrganisationStrings(): OrganisationStrings {
  return ORGANISATION_STRINGS[useLang()];
}
