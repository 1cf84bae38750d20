/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* A small family survey for the print tests, built with the model API:
 * English, Arabic, Somali and Nepali, every kind of question, two on one
 * scale, and a skip rule (question 5 only after "yes" to question 4). */

#include "pl-core.h"

typedef struct
{
  const char *language;
  const char *text;
} PlTestText;

static inline void
pl_test_set_texts (PlSurvey         *survey,
                   PlTextOwner       owner,
                   const char       *owner_id,
                   const char       *field,
                   const PlTestText *texts)
{
  for (guint i = 0; texts[i].language != NULL; i++)
    pl_survey_set_text (survey, owner, owner_id, field, texts[i].language, texts[i].text);
}

static inline PlQuestion *
pl_test_add_question (PlSurvey         *survey,
                      PlQuestionKind    kind,
                      const char       *code,
                      const PlTestText *texts)
{
  g_autoptr(PlQuestion) question = pl_question_new (kind);

  pl_question_set_code (question, code);
  pl_question_set_domain (question, "welcoming");
  pl_survey_insert_question (survey, -1, question);
  pl_test_set_texts (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (question), "text", texts);
  return question;
}

static inline void
pl_test_set_option (PlSurvey         *survey,
                    PlQuestion       *question,
                    const char       *value,
                    const PlTestText *texts)
{
  g_autofree char *owner = g_strdup_printf ("%s/%s", pl_question_get_id (question), value);

  pl_test_set_texts (survey, PL_TEXT_OWNER_OPTION, owner, "label", texts);
}

static inline PlSurvey *
pl_test_make_survey (void)
{
  PlSurvey *survey = pl_survey_new ("en");
  const char *id;
  PlQuestion *question, *meeting;
  const char *const interpreter[] = { "always", "sometimes", "never", NULL };
  const char *const channels[] = { "phone", "text", "email", "letter", NULL };

  pl_survey_add_language (survey, "ar");
  pl_survey_add_language (survey, "so");
  pl_survey_add_language (survey, "ne");
  pl_survey_set_number (survey, 3);
  pl_survey_set_term (survey, "2026-spring");
  pl_survey_set_status (survey, "open");
  id = pl_survey_get_id (survey);

  pl_test_set_texts (survey, PL_TEXT_OWNER_SURVEY, id, "title", (PlTestText[]) {
    { "en", "Family Survey 2026" },
    { "ar", "استبيان الأسر 2026" },
    { "so", "Sahanka Qoysaska 2026" },
    { "ne", "परिवार सर्वेक्षण 2026" },
    { NULL } });
  pl_test_set_texts (survey, PL_TEXT_OWNER_SURVEY, id, "instructions", (PlTestText[]) {
    { "en", "Please mark one answer for each question unless it says otherwise. Your answers are private: do not write your name." },
    { "ar", "يرجى اختيار إجابة واحدة لكل سؤال ما لم يُذكر غير ذلك. إجاباتك سرية: لا تكتب اسمك." },
    { "so", "Fadlan calaamadee hal jawaab su'aal kasta haddii aan si kale loo sheegin. Jawaabahaagu waa qarsoodi: ha qorin magacaaga." },
    { "ne", "अन्यथा नभनिएसम्म प्रत्येक प्रश्नको एउटा उत्तरमा चिन्ह लगाउनुहोस्। तपाईंका उत्तरहरू गोप्य छन्: आफ्नो नाम नलेख्नुहोस्।" },
    { NULL } });

  question = pl_test_add_question (survey, PL_QUESTION_AGREEMENT, "welcome", (PlTestText[]) {
    { "en", "Staff at my child's school make me feel welcome." },
    { "ar", "يجعلني العاملون في مدرسة طفلي أشعر بالترحيب." },
    { "so", "Shaqaalaha dugsiga ilmahaygu waxay iga dhigaan qof la soo dhoweeyay." },
    { "ne", "मेरो बच्चाको विद्यालयका कर्मचारीहरूले मलाई स्वागत गरिएको महसुस गराउँछन्।" },
    { NULL } });
  pl_question_set_allow_na (question, TRUE);
  pl_question_set_required (question, TRUE);

  /* Two questions on one scale: printed as a grid. */
  question = pl_test_add_question (survey, PL_QUESTION_AGREEMENT, "safe", (PlTestText[]) {
    { "en", "My child feels safe at this school." },
    { "ar", "يشعر طفلي بالأمان في هذه المدرسة." },
    { "so", "Ilmahaygu wuxuu dareemaa ammaan dugsigan." },
    { "ne", "मेरो बच्चा यो विद्यालयमा सुरक्षित महसुस गर्छ।" },
    { NULL } });
  pl_question_set_allow_na (question, TRUE);

  pl_test_add_question (survey, PL_QUESTION_FREQUENCY, "informed", (PlTestText[]) {
    { "en", "How often does the school tell you how your child is doing?" },
    { "ar", "كم مرة تخبرك المدرسة عن أداء طفلك؟" },
    { "so", "Intee jeer ayuu dugsigu kuu sheegaa sida ilmahaagu u socdo?" },
    { "ne", "विद्यालयले तपाईंको बच्चाको प्रगतिबारे कति पटक जानकारी दिन्छ?" },
    { NULL } });

  meeting = pl_test_add_question (survey, PL_QUESTION_YES_NO, "meeting", (PlTestText[]) {
    { "en", "Did you attend a meeting at the school this year?" },
    { "ar", "هل حضرت اجتماعًا في المدرسة هذا العام؟" },
    { "so", "Ma ka qayb gashay shir dugsiga sannadkan?" },
    { "ne", "के तपाईं यस वर्ष विद्यालयको बैठकमा सहभागी हुनुभयो?" },
    { NULL } });

  question = pl_test_add_question (survey, PL_QUESTION_SINGLE, "interpreter", (PlTestText[]) {
    { "en", "Was an interpreter there when you needed one?" },
    { "ar", "هل كان هناك مترجم عندما احتجت إليه؟" },
    { "so", "Turjubaan ma joogay markii aad u baahatay?" },
    { "ne", "तपाईंलाई आवश्यक पर्दा दोभाषे उपलब्ध थियो?" },
    { NULL } });
  pl_question_set_options (question, interpreter);
  pl_question_set_skip_rule (question, pl_question_get_id (meeting), "yes");
  pl_test_set_option (survey, question, "always", (PlTestText[]) {
    { "en", "Yes, always" }, { "ar", "نعم، دائمًا" }, { "so", "Haa, had iyo jeer" },
    { "ne", "हो, सधैँ" }, { NULL } });
  pl_test_set_option (survey, question, "sometimes", (PlTestText[]) {
    { "en", "Sometimes" }, { "ar", "أحيانًا" }, { "so", "Mararka qaarkood" },
    { "ne", "कहिलेकाहीँ" }, { NULL } });
  pl_test_set_option (survey, question, "never", (PlTestText[]) {
    { "en", "No" }, { "ar", "لا" }, { "so", "Maya" }, { "ne", "थिएन" }, { NULL } });

  question = pl_test_add_question (survey, PL_QUESTION_MULTIPLE, "channels", (PlTestText[]) {
    { "en", "How do you like to hear from the school?" },
    { "ar", "كيف تفضّل أن تتواصل معك المدرسة؟" },
    { "so", "Sidee baad jeceshahay in dugsigu kula soo xiriiro?" },
    { "ne", "विद्यालयले तपाईंलाई कसरी सम्पर्क गरेको मन पर्छ?" },
    { NULL } });
  pl_question_set_options (question, channels);
  pl_test_set_texts (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (question), "hint", (PlTestText[]) {
    { "en", "Mark all that apply." }, { "ar", "ضع علامة على كل ما ينطبق." },
    { "so", "Calaamadee dhammaan kuwa khuseeya." }, { "ne", "लागू हुने सबैमा चिन्ह लगाउनुहोस्।" },
    { NULL } });
  pl_test_set_option (survey, question, "phone", (PlTestText[]) {
    { "en", "Phone call" }, { "ar", "اتصال هاتفي" }, { "so", "Wicitaan taleefan" },
    { "ne", "फोन कल" }, { NULL } });
  pl_test_set_option (survey, question, "text", (PlTestText[]) {
    { "en", "Text message" }, { "ar", "رسالة نصية" }, { "so", "Fariin qoraal ah" },
    { "ne", "पाठ सन्देश" }, { NULL } });
  pl_test_set_option (survey, question, "email", (PlTestText[]) {
    { "en", "Email" }, { "ar", "بريد إلكتروني" }, { "so", "Iimayl" }, { "ne", "इमेल" }, { NULL } });
  pl_test_set_option (survey, question, "letter", (PlTestText[]) {
    { "en", "A letter home" }, { "ar", "رسالة ورقية إلى المنزل" },
    { "so", "Warqad guriga la keeno" }, { "ne", "घरमा पत्र" }, { NULL } });

  question = pl_test_add_question (survey, PL_QUESTION_NUMBER, "children", (PlTestText[]) {
    { "en", "How many children in your home go to this school?" },
    { "ar", "كم عدد الأطفال في منزلك الذين يذهبون إلى هذه المدرسة؟" },
    { "so", "Immisa carruur ah oo gurigaaga ku nool ayaa dhigta dugsigan?" },
    { "ne", "तपाईंको घरका कति जना बालबालिका यस विद्यालयमा पढ्छन्?" },
    { NULL } });
  pl_question_set_range (question, TRUE, 0, TRUE, 20);
  pl_question_set_domain (question, "demographics");

  pl_test_add_question (survey, PL_QUESTION_SHORT_TEXT, "home_language", (PlTestText[]) {
    { "en", "Which language do you speak at home?" },
    { "ar", "ما اللغة التي تتحدثها في المنزل؟" },
    { "so", "Luuqaddee baad gurigaaga ku hadashaa?" },
    { "ne", "तपाईं घरमा कुन भाषा बोल्नुहुन्छ?" },
    { NULL } });

  pl_test_add_question (survey, PL_QUESTION_LONG_TEXT, "better", (PlTestText[]) {
    { "en", "What could the school do better for your family?" },
    { "ar", "ما الذي يمكن أن تفعله المدرسة بشكل أفضل لأسرتك؟" },
    { "so", "Maxay dugsigu si ka wanaagsan ugu samayn kartaa qoyskaaga?" },
    { "ne", "विद्यालयले तपाईंको परिवारका लागि के राम्रो गर्न सक्छ?" },
    { NULL } });

  return survey;
}
