/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pl-core.h"
#include "pl-test-util.h"

/* XLSForm CSV: what an ODK or Kobo user's files become, what Porchlight
 * writes, and what a person importing a broken file is told. */

static void
write_file (PlTestDir  *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = pl_test_dir_file (fixture, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------ */
/* Comparing two surveys as a person would: the same questions asking the
 * same things, and the same words in every language. Ids differ (an
 * import is a new survey), so texts are keyed by question code. */

static char *
portable_owner_id (PlSurvey    *survey,
                   PlTextOwner  owner,
                   const char  *owner_id)
{
  const char *slash;
  g_autofree char *head = NULL;
  PlQuestion *question;

  switch (owner)
    {
    case PL_TEXT_OWNER_SURVEY:
      return g_strdup ("survey");
    case PL_TEXT_OWNER_QUESTION:
      question = pl_survey_find_question (survey, owner_id);
      g_assert_nonnull (question);
      return g_strdup (pl_question_get_code (question));
    case PL_TEXT_OWNER_OPTION:
      slash = strchr (owner_id, '/');
      g_assert_nonnull (slash);
      head = g_strndup (owner_id, slash - owner_id);
      question = pl_survey_find_question (survey, head);
      g_assert_nonnull (question);
      return g_strconcat (pl_question_get_code (question), slash, NULL);
    case PL_TEXT_OWNER_SCALE:
    default:
      return g_strdup (owner_id);
    }
}

typedef struct
{
  PlSurvey   *survey;
  GHashTable *texts;
} CollectTexts;

static void
collect_text (PlTextOwner  owner,
              const char  *owner_id,
              const char  *field,
              const char  *language,
              const char  *text,
              const char  *source_hash,
              gpointer     user_data)
{
  CollectTexts *collect = user_data;
  g_autofree char *portable = portable_owner_id (collect->survey, owner, owner_id);

  g_hash_table_insert (collect->texts,
                       g_strdup_printf ("%s|%s|%s|%s", pl_text_owner_to_code (owner), portable,
                                        field, language),
                       g_strdup (text));
}

static GHashTable *
portable_texts (PlSurvey *survey)
{
  CollectTexts collect = { survey, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };

  pl_survey_foreach_text (survey, collect_text, &collect);
  return collect.texts;
}

static void
assert_same_survey (PlSurvey *a,
                    PlSurvey *b)
{
  g_autoptr(GHashTable) texts_a = portable_texts (a);
  g_autoptr(GHashTable) texts_b = portable_texts (b);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpstr (pl_survey_get_default_language (a), ==, pl_survey_get_default_language (b));
  g_assert_cmpstrv (pl_survey_get_languages (a), pl_survey_get_languages (b));
  g_assert_cmpstr (pl_survey_get_term (a), ==, pl_survey_get_term (b));
  g_assert_cmpuint (pl_survey_get_n_questions (a), ==, pl_survey_get_n_questions (b));

  for (guint i = 0; i < pl_survey_get_n_questions (a); i++)
    {
      PlQuestion *qa = pl_survey_get_question (a, i);
      PlQuestion *qb = pl_survey_get_question (b, i);
      double min_a, max_a, min_b, max_b;
      gboolean has_min_a, has_max_a, has_min_b, has_max_b;
      const char *rule_a = pl_question_get_skip_question_id (qa);
      const char *rule_b = pl_question_get_skip_question_id (qb);

      g_assert_cmpstr (pl_question_get_code (qa), ==, pl_question_get_code (qb));
      g_assert_cmpint (pl_question_get_kind (qa), ==, pl_question_get_kind (qb));
      g_assert_cmpstr (pl_question_get_domain (qa), ==, pl_question_get_domain (qb));
      g_assert_cmpint (pl_question_get_required (qa), ==, pl_question_get_required (qb));
      g_assert_cmpint (pl_question_get_allow_na (qa), ==, pl_question_get_allow_na (qb));
      if (pl_question_get_options (qa) == NULL)
        g_assert_null (pl_question_get_options (qb));
      else
        g_assert_cmpstrv (pl_question_get_options (qa), pl_question_get_options (qb));
      pl_question_get_range (qa, &min_a, &has_min_a, &max_a, &has_max_a);
      pl_question_get_range (qb, &min_b, &has_min_b, &max_b, &has_max_b);
      g_assert_cmpint (has_min_a, ==, has_min_b);
      g_assert_cmpint (has_max_a, ==, has_max_b);
      if (has_min_a)
        g_assert_cmpfloat (min_a, ==, min_b);
      if (has_max_a)
        g_assert_cmpfloat (max_a, ==, max_b);
      if (rule_a == NULL)
        g_assert_null (rule_b);
      else
        {
          g_assert_nonnull (rule_b);
          g_assert_cmpstr (pl_question_get_code (pl_survey_find_question (a, rule_a)), ==,
                           pl_question_get_code (pl_survey_find_question (b, rule_b)));
          g_assert_cmpstr (pl_question_get_skip_value (qa), ==, pl_question_get_skip_value (qb));
        }
    }

  g_hash_table_iter_init (&iter, texts_a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_test_message ("text %s", (const char *) key);
      g_assert_cmpstr (g_hash_table_lookup (texts_b, key), ==, value);
    }
  g_assert_cmpuint (g_hash_table_size (texts_a), ==, g_hash_table_size (texts_b));
}

/* ------------------------------------------------------------------------ */

static PlQuestion *
add_question (PlSurvey       *survey,
              PlQuestionKind  kind,
              const char     *code,
              const char     *domain,
              const char     *en,
              const char     *es,
              const char     *ar)
{
  g_autoptr(PlQuestion) question = pl_question_new (kind);
  const char *id = pl_question_get_id (question);

  pl_question_set_code (question, code);
  pl_question_set_domain (question, domain);
  pl_survey_insert_question (survey, -1, question);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, id, "text", "en", en);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, id, "text", "es", es);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, id, "text", "ar", ar);
  return question;
}

static void
set_option (PlSurvey   *survey,
            PlQuestion *question,
            const char *value,
            const char *en,
            const char *es,
            const char *ar)
{
  g_autofree char *owner_id = g_strdup_printf ("%s/%s", pl_question_get_id (question), value);

  pl_survey_set_text (survey, PL_TEXT_OWNER_OPTION, owner_id, "label", "en", en);
  pl_survey_set_text (survey, PL_TEXT_OWNER_OPTION, owner_id, "label", "es", es);
  pl_survey_set_text (survey, PL_TEXT_OWNER_OPTION, owner_id, "label", "ar", ar);
}

/* A survey with every kind of question, in three languages, some texts
 * untranslated, quotes, commas and line breaks in the texts. */
static PlSurvey *
make_survey (void)
{
  PlSurvey *survey = pl_survey_new ("en");
  const char *id = pl_survey_get_id (survey);
  PlQuestion *question, *attended, *contact;

  pl_survey_add_language (survey, "es");
  pl_survey_add_language (survey, "ar");
  pl_survey_set_term (survey, "2027-spring");
  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, id, "title", "en", "Family survey");
  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, id, "title", "es", "Encuesta familiar");
  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, id, "title", "ar", "استبيان الأسرة");
  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, id, "instructions", "en",
                      "Mark one answer, \"X\" or ✓, per question.\nThank you!");
  pl_survey_set_text (survey, PL_TEXT_OWNER_SURVEY, id, "instructions", "es",
                      "Marque una respuesta, «X» o ✓, por pregunta.\n¡Gracias!");

  question = add_question (survey, PL_QUESTION_AGREEMENT, "welcome", "welcoming",
                           "I feel welcome, always.", "Me siento bienvenido.", "أشعر بالترحيب.");
  pl_question_set_required (question, TRUE);
  pl_survey_set_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (question), "hint",
                      "en", "Think of this year.");

  question = add_question (survey, PL_QUESTION_AGREEMENT, "interpreter", "communication",
                           "An interpreter is there when I need one.",
                           "Hay un intérprete cuando lo necesito.", "يتوفر مترجم عند الحاجة.");
  pl_question_set_allow_na (question, TRUE);

  question = add_question (survey, PL_QUESTION_FREQUENCY, "calls", "communication",
                           "How often does the teacher call?", "¿Con qué frecuencia llama?", "");
  question = add_question (survey, PL_QUESTION_FREQUENCY, "help", "academic-support",
                           "How often is help there?", "¿Con qué frecuencia hay ayuda?",
                           "كم مرة تتوفر المساعدة؟");
  pl_question_set_allow_na (question, TRUE);

  attended = add_question (survey, PL_QUESTION_YES_NO, "attended", "family-voice",
                           "Did you attend a meeting?", "¿Asistió a una reunión?",
                           "هل حضرت اجتماعًا؟");
  question = add_question (survey, PL_QUESTION_AGREEMENT, "useful", "family-voice",
                           "The meeting was useful.", "La reunión fue útil.", "كان الاجتماع مفيدًا.");
  pl_question_set_skip_rule (question, pl_question_get_id (attended), "yes");

  question = add_question (survey, PL_QUESTION_SINGLE, "grade", "demographics",
                           "Grade band", "Grado", "الصف");
  pl_question_set_options (question, (const char *const[]) { "k5", "68", "912", NULL });
  set_option (survey, question, "k5", "K–5", "K–5", "الروضة–5");
  set_option (survey, question, "68", "6–8", "6–8", "6–8");
  set_option (survey, question, "912", "9–12", "9–12", "");

  contact = add_question (survey, PL_QUESTION_MULTIPLE, "contact", "communication",
                          "How should we reach you?", "¿Cómo le contactamos?", "كيف نتواصل معكم؟");
  pl_question_set_options (contact, (const char *const[]) { "phone", "email", "text", NULL });
  set_option (survey, contact, "phone", "Phone", "Teléfono", "الهاتف");
  set_option (survey, contact, "email", "Email", "Correo", "البريد");
  set_option (survey, contact, "text", "Text, SMS", "Mensaje", "رسالة");

  question = add_question (survey, PL_QUESTION_SHORT_TEXT, "email_address", "other",
                           "Your email", "Su correo", "");
  pl_question_set_skip_rule (question, pl_question_get_id (contact), "email");

  question = add_question (survey, PL_QUESTION_NUMBER, "children", "demographics",
                           "How many children?", "¿Cuántos hijos?", "كم عدد الأطفال؟");
  pl_question_set_range (question, TRUE, 1, TRUE, 12);
  question = add_question (survey, PL_QUESTION_NUMBER, "hours", NULL,
                           "Hours a week", "Horas por semana", "ساعات في الأسبوع");
  pl_question_set_range (question, TRUE, 0.5, FALSE, 0);

  question = add_question (survey, PL_QUESTION_LONG_TEXT, "comment", "overall",
                           "Anything else? Tell us \"everything\", please.",
                           "¿Algo más?", "هل من شيء آخر؟");
  return survey;
}

static void
test_round_trip (PlTestDir     *fixture,
                 gconstpointer  data)
{
  g_autoptr(PlSurvey) survey = make_survey ();
  g_autoptr(PlSurvey) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = pl_test_dir_file (fixture, "export");
  g_autofree char *survey_path = g_build_filename (folder, "survey.csv", NULL);
  g_autofree char *choices_path = g_build_filename (folder, "choices.csv", NULL);
  g_autofree char *settings_path = g_build_filename (folder, "settings.csv", NULL);
  g_autofree char *first[3] = { NULL, NULL, NULL };
  g_autofree char *second[3] = { NULL, NULL, NULL };
  g_autofree char *survey_csv = NULL;
  g_autofree char *header = NULL;

  g_assert_true (pl_survey_validate (survey, &error));
  g_assert_no_error (error);

  g_assert_true (pl_xlsform_write (survey, folder, &error));
  g_assert_no_error (error);
  read = pl_xlsform_read (survey_path, choices_path, settings_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  assert_same_survey (survey, read);

  /* A new survey: a draft of its own, to be numbered when saved. */
  g_assert_cmpstr (pl_survey_get_id (read), !=, pl_survey_get_id (survey));
  g_assert_cmpstr (pl_survey_get_status (read), ==, "draft");
  g_assert_cmpuint (pl_survey_get_number (read), ==, 0);

  /* Translations come in current, not stale. */
  for (const char *const *language = (const char *const[]) { "es", "ar", NULL }; *language;
       language++)
    {
      guint missing_a, stale_a, missing_b, stale_b;

      pl_survey_count_text_states (survey, *language, &missing_a, &stale_a);
      pl_survey_count_text_states (read, *language, &missing_b, &stale_b);
      g_assert_cmpuint (missing_a, ==, missing_b);
      g_assert_cmpuint (stale_b, ==, 0);
    }

  /* Writing what was read gives the same files, byte for byte. */
  pl_xlsform_write_strings (survey, &first[0], &first[1], &first[2]);
  pl_xlsform_write_strings (read, &second[0], &second[1], &second[2]);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (first[i], ==, second[i]);

  /* The files are what ODK tools expect: language columns named
   * "label::Español (es)", UTF-8 without a byte order mark, CRLF. */
  g_assert_true (g_file_get_contents (survey_path, &survey_csv, NULL, NULL));
  header = g_strndup (survey_csv, strcspn (survey_csv, "\r\n"));
  g_assert_cmpstr (header, ==,
                   "type,name,label::English (en),label::Español (es),label::العربية (ar),"
                   "hint::English (en),hint::Español (es),hint::العربية (ar),required,relevant,"
                   "constraint,appearance,domain");
  g_assert_true (g_str_has_prefix (survey_csv + strlen (header), "\r\n"));
  g_assert_nonnull (strstr (survey_csv, "select_one agree5,welcome,"));
  g_assert_nonnull (strstr (survey_csv, "select_one agree5_na,interpreter,"));
  g_assert_nonnull (strstr (survey_csv, "select_one freq5_na,help,"));
  g_assert_nonnull (strstr (survey_csv, "select_one yes_no,attended,"));
  g_assert_nonnull (strstr (survey_csv, "${attended} = 'yes'"));
  g_assert_nonnull (strstr (survey_csv, "\"selected(${contact}, 'email')\""));
  g_assert_nonnull (strstr (survey_csv, ". >= 1 and . <= 12"));
  g_assert_nonnull (strstr (survey_csv, "\"Anything else? Tell us \"\"everything\"\", please.\""));
}

/* What an ODK user's form looks like: written by hand in a spreadsheet,
 * with its own list names, metadata rows, a group, a plain "label" column
 * and a mix of language headings. */
static const char odk_survey[] =
  "\xEF\xBB\xBF" "type,name,label::English (en),label::Español (es),label::العربية (ar),"
  "hint::English (en),hint::es,required,relevant,constraint,constraint_message::English (en),"
  "appearance,domain\n"
  "start,start,,,,,,,,,,,\n"
  "end,end,,,,,,,,,,,\n"
  "begin group,school,School,Escuela,المدرسة,,,,,,,field-list,\n"
  "select_one likert,q_welcome,The school is welcoming.,La escuela es acogedora.,المدرسة مرحّبة.,"
  ",,yes,,,,likert,Welcoming\n"
  "select_one likert_na,q_interp,I get an interpreter.,Recibo un intérprete.,,,,TRUE,,,,,"
  "communication\n"
  "select_one often,q_calls,How often do teachers call?,¿Con qué frecuencia llaman?,"
  "كم مرة يتصل المعلمون؟,,,no,,,,,communication\n"
  "select_one yn,q_meeting,Did you attend a meeting?,¿Asistió a una reunión?,هل حضرت اجتماعًا؟,"
  ",,,,,,,family_voice\n"
  "select_one likert,q_useful,The meeting was useful.,La reunión fue útil.,كان الاجتماع مفيدًا.,"
  ",,,${q_meeting}='yes',,,,Family voice\n"
  "end group,,,,,,,,,,,,\n"
  "select_multiple ways,q_ways,How should we contact you?,¿Cómo le contactamos?,,"
  "Mark all that apply.,Marque todas.,,,,,minimal,communication\n"
  "text,q_email,Your email address,Su correo electrónico,,,,,\"selected( ${q_ways} , \"\"email\"\")\","
  ",,,\n"
  "integer,q_kids,How many children?,¿Cuántos hijos?,كم طفلًا؟,,,,,\". > 0 and . < 13\","
  "Between 1 and 12,,demographics\n"
  "decimal,q_hours,Hours a week helping with homework,Horas por semana,,,,,,.>=0,,,\n"
  "text,q_comment,\"Anything else?\nWrite here.\",¿Algo más?,هل من شيء آخر؟,,,,,,,multiline,"
  "overall\n"
  "select_one grades,q_grade,Grade,Grado,الصف,,,,,,,,demographics\n";

static const char odk_choices[] =
  "list_name,name,label::English (en),label::Español (es),label::العربية (ar)\n"
  "likert,1,Strongly disagree,Totalmente en desacuerdo,لا أوافق إطلاقًا\n"
  "likert,2,Disagree,En desacuerdo,لا أوافق\n"
  "likert,3,Neutral,Neutral,محايد\n"
  "likert,4,Agree,De acuerdo,أوافق\n"
  "likert,5,Strongly agree,Totalmente de acuerdo,أوافق بشدة\n"
  "likert_na,1,Strongly disagree,Totalmente en desacuerdo,لا أوافق إطلاقًا\n"
  "likert_na,2,Disagree,En desacuerdo,لا أوافق\n"
  "likert_na,3,Neutral,Neutral,محايد\n"
  "likert_na,4,Agree,De acuerdo,أوافق\n"
  "likert_na,5,Strongly agree,Totalmente de acuerdo,أوافق بشدة\n"
  "likert_na,na,Does not apply,No aplica,لا ينطبق\n"
  "often,5,Always,Siempre,دائمًا\n"
  "often,4,Often,A menudo,غالبًا\n"
  "often,3,Sometimes,A veces,أحيانًا\n"
  "often,2,Rarely,Rara vez,نادرًا\n"
  "often,1,Never,Nunca,أبدًا\n"
  "yn,yes,Yes,Sí,نعم\n"
  "yn,no,No,No,لا\n"
  "ways,phone,Phone call,Llamada,مكالمة\n"
  "ways,email,Email,Correo electrónico,\n"
  "ways,text,Text message,Mensaje de texto,رسالة نصية\n"
  "grades,1,Grades K–5,Grados K–5,الصفوف الروضة–5\n"
  "grades,2,Grades 6–8,Grados 6–8,الصفوف 6–8\n"
  "grades,3,Grades 9–12,Grados 9–12,الصفوف 9–12\n"
  "grades,4,Adult education,Educación de adultos,تعليم الكبار\n"
  "grades,5,Other,Otro,أخرى\n";

static const char odk_settings[] =
  "form_title,form_id,version,default_language,style\n"
  "Family survey,family_2026,2026081501,English (en),pages\n";

static void
test_odk_file (PlTestDir     *fixture,
               gconstpointer  data)
{
  g_autofree char *survey_path = pl_test_dir_file (fixture, "Family - survey.csv");
  g_autofree char *choices_path = pl_test_dir_file (fixture, "Family - choices.csv");
  g_autofree char *settings_path = pl_test_dir_file (fixture, "Family - settings.csv");
  g_autofree char *found_survey = NULL;
  g_autofree char *found_choices = NULL;
  g_autofree char *found_settings = NULL;
  g_autoptr(PlSurvey) survey = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *option = NULL;
  PlQuestion *question, *meeting, *ways;
  double min, max;
  gboolean has_min, has_max, fell_back;

  write_file (fixture, "Family - survey.csv", odk_survey);
  write_file (fixture, "Family - choices.csv", odk_choices);
  write_file (fixture, "Family - settings.csv", odk_settings);

  /* Any one of the files finds the others. */
  g_assert_true (pl_xlsform_find_sheets (choices_path, &found_survey, &found_choices,
                                         &found_settings));
  g_assert_cmpstr (found_survey, ==, survey_path);
  g_assert_cmpstr (found_choices, ==, choices_path);
  g_assert_cmpstr (found_settings, ==, settings_path);

  survey = pl_xlsform_read (survey_path, choices_path, settings_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (survey);

  g_assert_cmpstr (pl_survey_get_title (survey), ==, "Family survey");
  g_assert_cmpstrv (pl_survey_get_languages (survey), ((const char *const[]) { "en", "es", "ar", NULL }));
  /* start, end and the group's rows are not questions. */
  g_assert_cmpuint (pl_survey_get_n_questions (survey), ==, 11);

  question = pl_survey_find_question_by_code (survey, "q_welcome");
  g_assert_cmpint (pl_question_get_kind (question), ==, PL_QUESTION_AGREEMENT);
  g_assert_true (pl_question_get_required (question));
  g_assert_false (pl_question_get_allow_na (question));
  g_assert_cmpstr (pl_question_get_domain (question), ==, "welcoming");
  g_assert_cmpstr (pl_survey_question_text (survey, question, "ar", &fell_back), ==,
                   "المدرسة مرحّبة.");
  g_assert_false (fell_back);
  /* The list's wording becomes the survey's scale labels. */
  g_assert_cmpstr (pl_survey_value_label (survey, question, "3", "en", NULL), ==, "Neutral");
  g_assert_cmpstr (pl_survey_value_label (survey, question, "1", "es", NULL), ==,
                   "Totalmente en desacuerdo");

  question = pl_survey_find_question_by_code (survey, "q_interp");
  g_assert_cmpint (pl_question_get_kind (question), ==, PL_QUESTION_AGREEMENT);
  g_assert_true (pl_question_get_allow_na (question));
  g_assert_true (pl_question_get_required (question));
  g_assert_cmpstr (pl_survey_value_label (survey, question, "na", "en", NULL), ==,
                   "Does not apply");
  /* An empty cell is a missing translation: staff see the English, marked. */
  g_assert_cmpstr (pl_survey_question_text (survey, question, "ar", &fell_back), ==,
                   "I get an interpreter.");
  g_assert_true (fell_back);

  /* 5 down to 1, Never … Always: a frequency scale whatever the order. */
  question = pl_survey_find_question_by_code (survey, "q_calls");
  g_assert_cmpint (pl_question_get_kind (question), ==, PL_QUESTION_FREQUENCY);
  g_assert_cmpstr (pl_survey_value_label (survey, question, "5", "es", NULL), ==, "Siempre");

  meeting = pl_survey_find_question_by_code (survey, "q_meeting");
  g_assert_cmpint (pl_question_get_kind (meeting), ==, PL_QUESTION_YES_NO);
  g_assert_cmpstr (pl_question_get_domain (meeting), ==, "family-voice");

  question = pl_survey_find_question_by_code (survey, "q_useful");
  g_assert_cmpstr (pl_question_get_skip_question_id (question), ==, pl_question_get_id (meeting));
  g_assert_cmpstr (pl_question_get_skip_value (question), ==, "yes");
  g_assert_cmpstr (pl_question_get_domain (question), ==, "family-voice");

  ways = pl_survey_find_question_by_code (survey, "q_ways");
  g_assert_cmpint (pl_question_get_kind (ways), ==, PL_QUESTION_MULTIPLE);
  g_assert_cmpstrv (pl_question_get_options (ways),
                    ((const char *const[]) { "phone", "email", "text", NULL }));
  g_assert_cmpstr (pl_survey_value_label (survey, ways, "email", "es", NULL), ==,
                   "Correo electrónico");
  g_assert_cmpstr (pl_survey_value_label (survey, ways, "email", "ar", &fell_back), ==, "Email");
  g_assert_true (fell_back);
  /* "hint::es" is Spanish like "label::Español (es)". */
  g_assert_cmpstr (pl_survey_get_text (survey, PL_TEXT_OWNER_QUESTION, pl_question_get_id (ways),
                                       "hint", "es", NULL), ==, "Marque todas.");
  option = g_strdup_printf ("%s/email", pl_question_get_id (ways));
  g_assert_cmpint (pl_survey_get_text_state (survey, PL_TEXT_OWNER_OPTION, option, "label", "es"),
                   ==, PL_TEXT_CURRENT);

  question = pl_survey_find_question_by_code (survey, "q_email");
  g_assert_cmpint (pl_question_get_kind (question), ==, PL_QUESTION_SHORT_TEXT);
  g_assert_cmpstr (pl_question_get_skip_question_id (question), ==, pl_question_get_id (ways));
  g_assert_cmpstr (pl_question_get_skip_value (question), ==, "email");
  g_assert_null (pl_question_get_domain (question));

  /* An integer's "> 0 and < 13" is 1 to 12. */
  question = pl_survey_find_question_by_code (survey, "q_kids");
  g_assert_cmpint (pl_question_get_kind (question), ==, PL_QUESTION_NUMBER);
  g_assert_true (pl_question_get_range (question, &min, &has_min, &max, &has_max));
  g_assert_true (has_min && has_max);
  g_assert_cmpfloat (min, ==, 1);
  g_assert_cmpfloat (max, ==, 12);

  question = pl_survey_find_question_by_code (survey, "q_hours");
  g_assert_true (pl_question_get_range (question, &min, &has_min, &max, &has_max));
  g_assert_true (has_min);
  g_assert_false (has_max);
  g_assert_cmpfloat (min, ==, 0);

  question = pl_survey_find_question_by_code (survey, "q_comment");
  g_assert_cmpint (pl_question_get_kind (question), ==, PL_QUESTION_LONG_TEXT);
  g_assert_cmpstr (pl_survey_question_text (survey, question, "en", NULL), ==,
                   "Anything else?\nWrite here.");

  /* Values 1–5 with labels that are no scale: a plain single choice. */
  question = pl_survey_find_question_by_code (survey, "q_grade");
  g_assert_cmpint (pl_question_get_kind (question), ==, PL_QUESTION_SINGLE);
  g_assert_cmpstrv (pl_question_get_options (question),
                    ((const char *const[]) { "1", "2", "3", "4", "5", NULL }));
  g_assert_cmpstr (pl_survey_value_label (survey, question, "4", "es", NULL), ==,
                   "Educación de adultos");
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

/* "label::Spanish", "label::es" and a plain "label" in the default
 * language the settings name. */
static void
test_language_columns (PlTestDir     *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) survey_csv = bytes_of (
    "type,name,label,label::English,label::Somali,hint::Kreyòl ayisyen\n"
    "select_one yn,q1,¿Asistió?,Did you attend?,Ma ka qaybgashay?,Wi oswa non\n");
  g_autoptr(GBytes) choices_csv = bytes_of (
    "list_name;name;label;label::en;label::so\n"
    "yn;yes;Sí;Yes;Haa\n"
    "yn;no;No;No;Maya\n");
  g_autoptr(GBytes) settings_csv = bytes_of (
    "form_title,default_language,form_title::English\n"
    "Encuesta,Español (es),Survey\n");
  g_autoptr(PlSurvey) survey = NULL;
  g_autoptr(GError) error = NULL;
  PlQuestion *question;

  survey = pl_xlsform_read_bytes ("survey.csv", survey_csv, "choices.csv", choices_csv,
                                  "settings.csv", settings_csv, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_survey_get_default_language (survey), ==, "es");
  g_assert_cmpstrv (pl_survey_get_languages (survey),
                    ((const char *const[]) { "es", "en", "so", "ht", NULL }));
  g_assert_cmpstr (pl_survey_get_title (survey), ==, "Encuesta");
  g_assert_cmpstr (pl_survey_get_text (survey, PL_TEXT_OWNER_SURVEY, pl_survey_get_id (survey),
                                       "title", "en", NULL), ==, "Survey");
  question = pl_survey_get_question (survey, 0);
  g_assert_cmpint (pl_question_get_kind (question), ==, PL_QUESTION_YES_NO);
  g_assert_cmpstr (pl_survey_question_text (survey, question, "so", NULL), ==, "Ma ka qaybgashay?");
  g_assert_cmpstr (pl_survey_value_label (survey, question, "yes", "so", NULL), ==, "Haa");
  g_assert_cmpstr (pl_survey_get_text (survey, PL_TEXT_OWNER_QUESTION,
                                       pl_question_get_id (question), "hint", "ht", NULL), ==,
                   "Wi oswa non");
}

typedef struct
{
  const char *what;
  const char *survey;
  const char *choices;
  const char *settings;
  const char *expected[3];  /* parts of the message */
} BadFile;

#define GOOD_CHOICES "list_name,name,label::English (en)\nyn,yes,Yes\nyn,no,No\n"
#define HEADER "type,name,label::English (en),required,relevant,constraint\n"

static const BadFile bad_files[] = {
  { "no type column",
    "name,label\nq1,Hello\n", GOOD_CHOICES, NULL,
    { "“survey.csv”, line 1", "“type”", NULL } },
  { "sheets swapped",
    GOOD_CHOICES, GOOD_CHOICES, NULL,
    { "“survey.csv”, line 1", "choices sheet", NULL } },
  { "unknown list",
    HEADER "select_one yn,q1,Attended?,,,\nselect_one colours,q2,Colour?,,,\n", GOOD_CHOICES, NULL,
    { "“survey.csv”, line 3, column A (type)", "“colours”", "“choices.csv”" } },
  { "complex relevant",
    HEADER "select_one yn,q1,Attended?,,,\ntext,q2,Why?,,${q1} = 'yes' or ${q1} = 'no',\n",
    GOOD_CHOICES, NULL,
    { "“survey.csv”, line 3, column E (relevant)", "${q1} = 'yes' or ${q1} = 'no'", NULL } },
  { "relevant on a later question",
    HEADER "text,q2,Why?,,${q1} = 'yes',\nselect_one yn,q1,Attended?,,,\n", GOOD_CHOICES, NULL,
    { "line 2, column E (relevant)", "“q1”", NULL } },
  { "relevant value not offered",
    HEADER "select_one yn,q1,Attended?,,,\ntext,q2,Why?,,${q1} = 'maybe',\n", GOOD_CHOICES, NULL,
    { "line 3, column E (relevant)", "“maybe”", NULL } },
  { "duplicate names",
    HEADER "select_one yn,q1,Attended?,,,\ntext,q2,Why?,,,\ntext,q1,Again?,,,\n", GOOD_CHOICES,
    NULL,
    { "“survey.csv”, line 4, column B (name)", "“q1”", "line 2" } },
  { "duplicate choice",
    HEADER "select_one yn,q1,Attended?,,,\n",
    "list_name,name,label::English (en)\nyn,yes,Yes\nyn,no,No\nyn,yes,Yes again\n", NULL,
    { "“choices.csv”, line 4, column B (name)", "“yes”", "line 2" } },
  { "note",
    HEADER "note,intro,Welcome!,,,\n", GOOD_CHOICES, NULL,
    { "line 2, column A (type)", "note", NULL } },
  { "unknown type",
    HEADER "geopoint,where,Where?,,,\n", GOOD_CHOICES, NULL,
    { "line 2, column A (type)", "“geopoint”", NULL } },
  { "bad required",
    HEADER "text,q1,Name?,maybe,,\n", GOOD_CHOICES, NULL,
    { "line 2, column D (required)", "“maybe”", NULL } },
  { "regex constraint",
    HEADER "integer,q1,Age?,,,\"regex(., '[0-9]+')\"\n", GOOD_CHOICES, NULL,
    { "line 2, column F (constraint)", "“regex(., '[0-9]+')”", NULL } },
  { "strict bound on a decimal",
    HEADER "decimal,q1,Hours?,,,. > 0\n", GOOD_CHOICES, NULL,
    { "line 2, column F (constraint)", NULL, NULL } },
  { "constraint on a choice",
    HEADER "select_one yn,q1,Attended?,,,. > 0\n", GOOD_CHOICES, NULL,
    { "line 2, column F (constraint)", NULL, NULL } },
  { "no label",
    HEADER "text,q1,,,,\n", GOOD_CHOICES, NULL,
    { "line 2, column C (label::English (en))", "English", NULL } },
  { "bad name",
    HEADER "text,1st-question,First?,,,\n", GOOD_CHOICES, NULL,
    { "line 2, column B (name)", "“1st-question”", NULL } },
  { "unknown language",
    "type,name,label::English (en),label::Klingon (tlh)\ntext,q1,Hi,nuqneH\n", GOOD_CHOICES, NULL,
    { "“survey.csv”, line 1, column D (label::Klingon (tlh))", "“Klingon (tlh)”", NULL } },
  { "same language twice",
    "type,name,label::Spanish,label::Español (es)\ntext,q1,Hola,Hola\n", GOOD_CHOICES, NULL,
    { "line 1, column D (label::Español (es))", "column C", NULL } },
  { "unknown domain",
    "type,name,label,domain\ntext,q1,Hi,happiness\n", GOOD_CHOICES, NULL,
    { "line 2, column D (domain)", "“happiness”", "welcoming" } },
  { "too many choices",
    HEADER "select_one many,q1,Pick,,,\n",
    "list_name,name,label::English (en)\nmany,a,A\nmany,b,B\nmany,c,C\nmany,d,D\nmany,e,E\n"
    "many,f,F\nmany,g,G\nmany,h,H\nmany,i,I\nmany,j,J\n", NULL,
    { "line 2, column A (type)", "“many”", "10" } },
  { "choice name with a space",
    HEADER "select_multiple ways,q1,How?,,,\n",
    "list_name,name,label::English (en)\nways,by phone,Phone\nways,email,Email\n", NULL,
    { "“choices.csv”, line 2, column B (name)", "“by phone”", NULL } },
  { "choice without a label",
    HEADER "select_one yn,q1,Attended?,,,\n",
    "list_name,name,label::English (en)\nyn,yes,\nyn,no,No\n", NULL,
    { "“choices.csv”, line 2, column C (label::English (en))", NULL, NULL } },
  { "unclosed quote",
    HEADER "text,q1,\"Name?,,,\n", GOOD_CHOICES, NULL,
    { "“survey.csv”", "Line 2", NULL } },
  { "unknown default language",
    HEADER "text,q1,Name?,,,\n", GOOD_CHOICES, "form_title,default_language\nSurvey,Elvish\n",
    { "“settings.csv”, line 2, column B (default_language)", "“Elvish”", NULL } },
  { "default language without labels",
    HEADER "text,q1,Name?,,,\n", GOOD_CHOICES, "form_title,default_language\nEncuesta,es\n",
    { "“survey.csv”, line 1", "Spanish", "label::Español (es)" } },
  { "group with a condition",
    HEADER "select_one yn,q1,Attended?,,,\nbegin group,g,Group,,${q1} = 'yes',\ntext,q2,Why?,,,\n"
    "end group,,,,,\n", GOOD_CHOICES, NULL,
    { "line 3, column E (relevant)", NULL, NULL } },
  { "no questions",
    HEADER "start,start,,,,\n", GOOD_CHOICES, NULL,
    { "“survey.csv”", "no questions", NULL } },
};

static void
test_bad_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      const BadFile *bad = &bad_files[i];
      g_autoptr(GBytes) survey_csv = g_bytes_new_static (bad->survey, strlen (bad->survey));
      g_autoptr(GBytes) choices_csv = g_bytes_new_static (bad->choices, strlen (bad->choices));
      g_autoptr(GBytes) settings_csv = NULL;
      g_autoptr(PlSurvey) survey = NULL;
      g_autoptr(GError) error = NULL;

      if (bad->settings)
        settings_csv = g_bytes_new_static (bad->settings, strlen (bad->settings));
      survey = pl_xlsform_read_bytes ("survey.csv", survey_csv, "choices.csv", choices_csv,
                                      "settings.csv", settings_csv, &error);
      g_test_message ("%s: %s", bad->what, error ? error->message : "(no error)");
      g_assert_null (survey);
      g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FILE);
      for (guint e = 0; e < G_N_ELEMENTS (bad->expected) && bad->expected[e]; e++)
        if (strstr (error->message, bad->expected[e]) == NULL)
          g_error ("%s: “%s” does not say “%s”", bad->what, error->message, bad->expected[e]);
    }
}

static void
test_missing_file (PlTestDir     *fixture,
                   gconstpointer  data)
{
  g_autofree char *survey_path = pl_test_dir_file (fixture, "survey.csv");
  g_autofree char *choices_path = pl_test_dir_file (fixture, "choices.csv");
  g_autoptr(PlSurvey) survey = NULL;
  g_autoptr(GError) error = NULL;

  write_file (fixture, "survey.csv", HEADER "text,q1,Name?,,,\n");
  survey = pl_xlsform_read (survey_path, choices_path, NULL, &error);
  g_assert_null (survey);
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FILE);
  g_assert_nonnull (strstr (error->message, "“choices.csv”"));

  /* A sheet saved as a workbook rather than CSV. */
  write_file (fixture, "choices.csv", "PK\x03\x04 a workbook");
  g_clear_error (&error);
  survey = pl_xlsform_read (survey_path, choices_path, NULL, &error);
  g_assert_error (error, PL_SURVEY_ERROR, PL_SURVEY_ERROR_BAD_FILE);
  g_assert_nonnull (strstr (error->message, "“choices.csv”"));
  g_assert_nonnull (strstr (error->message, "workbook"));
}

/* The survey Porchlight ships: whole in all eight languages. */
static void
test_demo_survey (PlTestDir     *fixture,
                  gconstpointer  data)
{
  g_autoptr(PlSurvey) survey = NULL;
  g_autoptr(PlSurvey) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) domains = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *survey_csv = NULL;
  g_autofree char *choices_csv = NULL;
  g_autofree char *settings_csv = NULL;
  g_autoptr(GBytes) survey_bytes = NULL;
  g_autoptr(GBytes) choices_bytes = NULL;
  g_autoptr(GBytes) settings_bytes = NULL;
  const char *const *languages;
  const char *expected[] = { "en", "es", "vi", "ar", "ne", "so", "pt", "ht", NULL };
  gboolean has_skip = FALSE, has_number = FALSE, has_long_text = FALSE, has_yes_no = FALSE;
  guint n_questions;

  survey = pl_xlsform_load_demo_survey (&error);
  g_assert_no_error (error);
  g_assert_nonnull (survey);
  g_assert_true (pl_survey_validate (survey, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pl_survey_get_title (survey), ==, "Family Satisfaction Survey");

  languages = pl_survey_get_languages (survey);
  g_assert_cmpuint (g_strv_length ((char **) languages), >=, 8);
  for (guint i = 0; expected[i]; i++)
    g_assert_true (g_strv_contains (languages, expected[i]));

  /* Every text a family reads, in every language, and none out of date. */
  for (guint i = 0; languages[i]; i++)
    {
      guint missing = G_MAXUINT, stale = G_MAXUINT;

      pl_survey_count_text_states (survey, languages[i], &missing, &stale);
      g_test_message ("%s: %u missing, %u stale", languages[i], missing, stale);
      g_assert_cmpuint (missing, ==, 0);
      g_assert_cmpuint (stale, ==, 0);
      g_assert_nonnull (pl_survey_get_own_text (survey, PL_TEXT_OWNER_SURVEY,
                                                pl_survey_get_id (survey), "instructions",
                                                languages[i]));
    }

  n_questions = pl_survey_get_n_questions (survey);
  g_assert_cmpuint (n_questions, >=, 18);
  g_assert_cmpuint (n_questions, <=, 24);
  for (guint i = 0; i < n_questions; i++)
    {
      PlQuestion *question = pl_survey_get_question (survey, i);
      const char *rule = pl_question_get_skip_question_id (question);

      g_hash_table_add (domains, (gpointer) pl_question_get_domain (question));
      if (rule != NULL)
        {
          has_skip = TRUE;
          g_assert_cmpint (pl_question_get_kind (pl_survey_find_question (survey, rule)), ==,
                           PL_QUESTION_YES_NO);
        }
      has_number |= pl_question_get_kind (question) == PL_QUESTION_NUMBER;
      has_long_text |= pl_question_get_kind (question) == PL_QUESTION_LONG_TEXT;
      has_yes_no |= pl_question_get_kind (question) == PL_QUESTION_YES_NO;
    }
  g_assert_true (has_skip && has_number && has_long_text && has_yes_no);
  for (const char *const *domain = (const char *const[]) { "welcoming", "communication",
                                                          "family-voice", "academic-support",
                                                          "overall", "demographics", NULL };
       *domain; domain++)
    g_assert_true (g_hash_table_contains (domains, *domain));

  /* Its scale labels are the ones Porchlight ships for new surveys. */
  for (guint i = 0; expected[i]; i++)
    for (const char *const *point = (const char *const[]) { "agreement/1", "agreement/5",
                                                           "frequency/3", "yes-no/yes", NULL };
         *point; point++)
      g_assert_cmpstr (pl_survey_get_own_text (survey, PL_TEXT_OWNER_SCALE, *point, "label",
                                               expected[i]), ==,
                       pl_survey_builtin_scale_label (*point, expected[i]));

  /* It goes out and comes back whole. */
  pl_xlsform_write_strings (survey, &survey_csv, &choices_csv, &settings_csv);
  survey_bytes = g_bytes_new (survey_csv, strlen (survey_csv));
  choices_bytes = g_bytes_new (choices_csv, strlen (choices_csv));
  settings_bytes = g_bytes_new (settings_csv, strlen (settings_csv));
  again = pl_xlsform_read_bytes ("survey.csv", survey_bytes, "choices.csv", choices_bytes,
                                 "settings.csv", settings_bytes, &error);
  g_assert_no_error (error);
  assert_same_survey (survey, again);
}

/* A demo district comes with the survey open for keying this term, and a
 * closed version for each earlier term. */
static void
test_demo_district (PlTestDir     *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = pl_test_dir_file (fixture, "demo.db");
  g_autoptr(PlStore) store = pl_store_open (path, NULL);
  g_autoptr(GPtrArray) surveys = NULL;
  g_autoptr(GError) error = NULL;
  PlSurvey *survey;

  g_assert_true (pl_demo_generate (store, 20, 7, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  surveys = pl_store_list_surveys (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (surveys->len, ==, 10);
  survey = surveys->pdata[0];
  g_assert_cmpuint (pl_survey_get_number (survey), ==, 1);
  g_assert_cmpuint (pl_survey_get_version (survey), ==, 10);
  g_assert_cmpstr (pl_survey_get_status (survey), ==, "open");
  for (guint i = 1; i < surveys->len; i++)
    g_assert_cmpstr (pl_survey_get_status (surveys->pdata[i]), ==, "closed");
  g_assert_cmpstr (pl_survey_get_term (survey), ==, "2026-fall");
  g_assert_cmpuint (pl_survey_get_n_questions (survey), >=, 18);
  g_assert_cmpuint (g_strv_length ((char **) pl_survey_get_languages (survey)), ==, 8);
  /* Fixture data: nothing waits to be pushed. */
  g_assert_cmpint (pl_store_count_journal (store, &error), ==, 0);
}

/* Porchlight's own scale labels, in the languages it ships them for. */
static void
test_builtin_scales (void)
{
  const char *languages[] = { "en", "es", "vi", "ar", "ne", "so", "pt", "ht", "sw", "prs" };
  const char *scales[][6] = {
    { "agreement/1", "agreement/2", "agreement/3", "agreement/4", "agreement/5", "agreement/na" },
    { "frequency/1", "frequency/2", "frequency/3", "frequency/4", "frequency/5", "frequency/na" },
  };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      const char *yes = pl_survey_builtin_scale_label ("yes-no/yes", languages[l]);
      const char *no = pl_survey_builtin_scale_label ("yes-no/no", languages[l]);

      g_assert_nonnull (yes);
      g_assert_nonnull (no);
      g_assert_cmpstr (yes, !=, no);
      for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
        for (guint a = 0; a < 6; a++)
          {
            const char *label = pl_survey_builtin_scale_label (scales[s][a], languages[l]);

            g_assert_nonnull (label);
            g_assert_true (g_utf8_validate (label, -1, NULL));
            /* Five different points, and "not applicable" none of them. */
            for (guint b = 0; b < a; b++)
              g_assert_cmpstr (label, !=, pl_survey_builtin_scale_label (scales[s][b], languages[l]));
          }
    }
  g_assert_cmpstr (pl_survey_builtin_scale_label ("agreement/5", "en"), ==, "Strongly agree");
  g_assert_cmpstr (pl_survey_builtin_scale_label ("frequency/1", "es"), ==, "Nunca");
  g_assert_null (pl_survey_builtin_scale_label ("agreement/1", "tlh"));
  g_assert_null (pl_survey_builtin_scale_label ("agreement/6", "en"));
  g_assert_null (pl_survey_builtin_scale_label ("agreement/na", NULL));

  /* A new survey in Somali prints whole without a word translated. */
  {
    g_autoptr(PlSurvey) survey = pl_survey_new ("en");
    g_autoptr(PlQuestion) question = pl_question_new (PL_QUESTION_FREQUENCY);
    gboolean fell_back = TRUE;

    pl_survey_add_language (survey, "so");
    pl_survey_insert_question (survey, -1, question);
    g_assert_cmpstr (pl_survey_value_label (survey, question, "5", "so", &fell_back), ==,
                     "Had iyo jeer");
    g_assert_false (fell_back);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/xlsform/round-trip", PlTestDir, NULL, pl_test_dir_setup, test_round_trip,
              pl_test_dir_teardown);
  g_test_add ("/xlsform/odk-file", PlTestDir, NULL, pl_test_dir_setup, test_odk_file,
              pl_test_dir_teardown);
  g_test_add ("/xlsform/language-columns", PlTestDir, NULL, pl_test_dir_setup,
              test_language_columns, pl_test_dir_teardown);
  g_test_add_func ("/xlsform/bad-files", test_bad_files);
  g_test_add ("/xlsform/missing-file", PlTestDir, NULL, pl_test_dir_setup, test_missing_file,
              pl_test_dir_teardown);
  g_test_add ("/xlsform/demo-survey", PlTestDir, NULL, pl_test_dir_setup, test_demo_survey,
              pl_test_dir_teardown);
  g_test_add ("/xlsform/demo-district", PlTestDir, NULL, pl_test_dir_setup, test_demo_district,
              pl_test_dir_teardown);
  g_test_add_func ("/xlsform/builtin-scales", test_builtin_scales);

  return g_test_run ();
}
