/**
 * The words of the shared "join a project" control (src/connect/JoinProject.tsx), in English,
 * Dutch and Arabic. Server messages (a refusal, a motivation too long) come translated.
 */
import { useLang, type Lang } from "../i18n";

const en = {
  join: "Join",
  askToJoin: "Ask to join",
  motivation: "Why do you want to join? (optional)",
  motivationHint: "The organisation that runs the project reads this before it decides.",
  sendRequest: "Send the request",
  cancel: "Cancel",
  joined: "You are a member of “{project}”.",
  requested: "Your request to join “{project}” is sent. The organisation decides.",
};

export type JoinStrings = typeof en;

const nl: JoinStrings = {
  join: "Lid worden",
  askToJoin: "Vragen om lid te worden",
  motivation: "Waarom wil je lid worden? (niet verplicht)",
  motivationHint: "De organisatie die het project leidt, leest dit voor ze beslist.",
  sendRequest: "Aanvraag versturen",
  cancel: "Annuleren",
  joined: "Je bent lid van “{project}”.",
  requested: "Je aanvraag om lid te worden van “{project}” is verstuurd. De organisatie beslist.",
};

const ar: JoinStrings = {
  join: "انضمام",
  askToJoin: "طلب الانضمام",
  motivation: "لماذا تريد الانضمام؟ (اختياري)",
  motivationHint: "تقرأ المنظمة التي تدير المشروع هذا قبل أن تقرّر.",
  sendRequest: "إرسال الطلب",
  cancel: "إلغاء",
  joined: "أنت الآن عضو في «{project}».",
  requested: "أُرسل طلبك للانضمام إلى «{project}». المنظمة هي التي تقرّر.",
};

export const JOIN_STRINGS: Record<Lang, JoinStrings> = { en, nl, ar };

export function useJoinStrings(): JoinStrings {
  return JOIN_STRINGS[useLang()];
}
