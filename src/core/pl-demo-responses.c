/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pl-demo-responses.h"
#include "pl-form-code.h"
#include "pl-store-private.h"
#include "pl-survey.h"

/* The demo's answers come from a small model rather than from dice alone, so
 * that the dashboard has real patterns to find and to hide: each answer to a
 * scale question is a latent score — the zone's level, the question's domain
 * and wording, the school (and where it is heading), the family's language
 * group, the family's own mood — plus noise, cut into five points. Rates of
 * return differ by school and by language group, which leaves small groups
 * for suppression to guard.
 *
 * Rows are lean, because there are two million answers: ids are short
 * counters ("dr00012a" for a response, "dr00012a.07" for its seventh
 * answer) rather than UUIDs; they only need to be unique, since demo rows
 * never sync. */

static const char *const terms[] = {
  "2022-spring", "2022-fall", "2023-spring", "2023-fall", "2024-spring",
  "2024-fall", "2025-spring", "2025-fall", "2026-spring", "2026-fall", NULL,
};
#define N_TERMS 10
G_STATIC_ASSERT (G_N_ELEMENTS (terms) == N_TERMS + 1);

#define MAX_QUESTIONS 64
#define VALUE_SIZE 96

/* Where the answers sit on the latent scale. */
#define INTERCEPT 0.35
#define PERSON_SD 0.65
#define SCHOOL_SD 0.30
#define ZONE_SLOPE 0.015          /* per term: the zone improves a little */
static const double cutpoints[4] = { -2.0, -1.1, -0.25, 0.95 };
#define COMMENT_CHANCE 0.004      /* a few hundred comments in 100,000 forms */

typedef enum
{
  DOMAIN_WELCOMING,
  DOMAIN_COMMUNICATION,
  DOMAIN_FAMILY_VOICE,
  DOMAIN_ACADEMIC,
  DOMAIN_OVERALL,
  DOMAIN_OTHER,
  N_DOMAINS,
} Domain;

static const struct
{
  const char *code;
  double      shift;
} domains[N_DOMAINS] = {
  { "welcoming", 0.55 },
  { "communication", 0.20 },
  /* Schools ask families' opinion less than they make them welcome. */
  { "family-voice", -0.35 },
  { "academic-support", 0.15 },
  { "overall", 0.35 },
  { NULL, 0.0 },
};

/* The languages the survey is printed in; a family that speaks another at
 * home reads the English form. */
typedef enum
{
  GROUP_EN,
  GROUP_ES,
  GROUP_VI,
  GROUP_AR,
  GROUP_NE,
  GROUP_SO,
  GROUP_PT,
  GROUP_HT,
  GROUP_OTHER,
  N_GROUPS,
} Group;

static const struct
{
  const char *code;
  double      returns;   /* how readily its families send a form back */
  double      meeting;   /* how many went to a family meeting */
  double      gap[DOMAIN_OTHER];
} groups[N_GROUPS] = {
  /*                       welcoming  comm.  voice  academic overall */
  { "en", 1.00, 0.32, {  0.00,  0.00,  0.00,  0.00,  0.00 } },
  { "es", 0.90, 0.34, {  0.10, -0.15, -0.20, -0.10,  0.00 } },
  { "vi", 0.85, 0.22, {  0.00, -0.40, -0.30,  0.10,  0.00 } },
  { "ar", 0.75, 0.24, { -0.10, -0.45, -0.20,  0.00, -0.05 } },
  { "ne", 0.80, 0.22, {  0.00, -0.40, -0.25,  0.00,  0.00 } },
  { "so", 0.65, 0.20, { -0.20, -0.75, -0.30, -0.20, -0.15 } },
  { "pt", 0.85, 0.28, {  0.00, -0.10, -0.10,  0.00,  0.00 } },
  { "ht", 0.80, 0.26, {  0.00, -0.45, -0.20, -0.05, -0.05 } },
  { NULL, 0.55, 0.16, { -0.20, -0.60, -0.35, -0.20, -0.15 } },
};

/* How each question of the demo survey leans, by its code; others lean
 * nowhere. */
static const struct
{
  const char *code;
  double      shift;
} question_shifts[] = {
  { "welcome_staff", 0.05 }, { "welcome_respect", 0.10 }, { "welcome_culture", -0.05 },
  { "welcome_safe", 0.15 }, { "comm_language", 0.10 }, { "comm_teacher", -0.25 },
  { "comm_interpreter", -0.10 }, { "voice_asked", -0.25 }, { "voice_concern", 0.00 },
  /* Those who went to a meeting mostly found it worth their while. */
  { "voice_meeting_useful", 0.45 }, { "acad_progress", 0.10 }, { "acad_home", -0.25 },
  { "acad_expectations", 0.15 }, { "acad_extra_help", -0.10 }, { "overall_satisfied", 0.05 },
  { "overall_recommend", -0.05 },
};

/* How families would like to hear from the school. */
static const struct
{
  const char *value;
  double      chance;
} channel_chances[] = {
  { "call", 0.45 }, { "text", 0.55 }, { "email", 0.30 }, { "paper", 0.20 }, { "app", 0.22 },
  { "in_person", 0.12 },
};

/* Grade bands of the demo survey's grade question, as student grades. */
static const struct
{
  const char *value;
  int         low, high;
  double      weight;    /* per grade: fewer pre-K families */
} grade_bands[] = {
  { "prek_k", -1, 0, 0.7 }, { "g1_5", 1, 5, 1.0 }, { "g6_8", 6, 8, 1.0 }, { "g9_12", 9, 12, 1.0 },
};

/* Comments to "What is one thing this school could do better?", in the
 * languages of the form; the last ones of each list are happy ones. */
#define N_COMMENTS 10
#define FIRST_HAPPY 7
static const struct
{
  const char *language;
  const char *texts[N_COMMENTS];
} comments[] = {
  { "en", {
    "Please send notices home earlier, not the night before.",
    "Answer the phone. It is hard to reach the front office.",
    "Tell me sooner when my child is falling behind.",
    "The pickup line is not safe. We need a crossing guard.",
    "Hold family meetings in the evening so working parents can come.",
    "More after-school programs for the younger kids.",
    "The bus is late almost every morning.",
    "Keep doing what you are doing. The teachers are wonderful.",
    "Thank you to the front office staff, they always help us.",
    "More tutoring before the state tests would help.",
  } },
  { "es", {
    "Que envíen los avisos con más tiempo, no el día antes.",
    "Necesitamos más información en español, sobre todo de las tareas.",
    "Que las reuniones sean por la tarde; trabajo hasta las cinco.",
    "Que la maestra me avise antes si mi hijo va mal en alguna materia.",
    "La fila de salida es peligrosa, hace falta un guardia de cruce.",
    "Que contesten el teléfono, es difícil comunicarse con la escuela.",
    "Más tutorías después de clases.",
    "Gracias a la oficina, siempre me atienden con paciencia.",
    "Estoy contenta con la escuela. Mi hija está aprendiendo mucho.",
    "Más actividades para que los padres participen.",
  } },
  { "vi", {
    "Xin gửi thông báo sớm hơn, đừng để sát ngày.",
    "Cần có thông dịch viên tiếng Việt trong các buổi họp phụ huynh.",
    "Xin cho tôi biết sớm khi con tôi học yếu môn nào.",
    "Nên gửi thông tin bằng tiếng Việt qua tin nhắn.",
    "Giờ họp phụ huynh nên vào buổi tối vì tôi đi làm cả ngày.",
    "Xe buýt thường đến trễ vào buổi sáng.",
    "Mong nhà trường có thêm lớp phụ đạo sau giờ học.",
    "Cảm ơn các thầy cô đã quan tâm đến con tôi.",
    "Tôi rất hài lòng với nhà trường.",
    "Nên có thêm hoạt động thể thao cho học sinh.",
  } },
  { "ar", {
    "أرجو إرسال الإشعارات مبكرًا وليس قبل يوم واحد.",
    "نحتاج إلى مترجم عربي في اجتماعات أولياء الأمور.",
    "أرجو إخباري مبكرًا إذا كان طفلي يواجه صعوبة في الدراسة.",
    "يصعب الاتصال بالمدرسة بالهاتف.",
    "أرجو عقد الاجتماعات في المساء لأنني أعمل في النهار.",
    "الحافلة تتأخر كثيرًا في الصباح.",
    "نريد رسائل باللغة العربية عن الواجبات المدرسية.",
    "شكرًا للمعلمين على اهتمامهم بطفلي.",
    "نحن راضون عن المدرسة بشكل عام.",
    "أتمنى أن تكون هناك دروس تقوية بعد المدرسة.",
  } },
  { "ne", {
    "सूचनाहरू अलि चाँडै पठाइदिनुहोस्।",
    "अभिभावक बैठकमा नेपाली दोभाषे चाहिन्छ।",
    "मेरो बच्चा कुनै विषयमा कमजोर भए चाँडै जानकारी दिनुहोस्।",
    "बैठकहरू साँझ राखिदिनुहोस्, म दिनभर काममा हुन्छु।",
    "विद्यालयमा फोन गर्दा कसैले उठाउँदैन।",
    "बस बिहान प्रायः ढिलो आउँछ।",
    "गृहकार्यबारे नेपालीमा जानकारी पाए राम्रो हुन्थ्यो।",
    "शिक्षकहरूलाई धन्यवाद, उहाँहरूले मेरो बच्चालाई धेरै मद्दत गर्नुभयो।",
    "म यो विद्यालयसँग सन्तुष्ट छु।",
    "विद्यालयपछि पढाइमा थप सहयोग भए राम्रो हुन्थ्यो।",
  } },
  { "so", {
    "Fadlan ogeysiisyada hore noogu soo dira, ha sugina maalinta ka horreysa.",
    "Shirarka waalidiinta waxaan ugu baahanahay turjubaan Soomaali ah.",
    "Haddii ilmahaygu maaddo ku liito, goor hore ii sheega.",
    "Shirarka fiidkii qabta, maalintii waan shaqeeyaa.",
    "Dugsiga taleefanka lagama helo.",
    "Baska subaxdii badanaa wuu soo daahaa.",
    "Macluumaadka casharrada guriga Af-Soomaali ku soo dira.",
    "Macallimiinta waad ku mahadsan tihiin daryeelka ilmahayga.",
    "Aad baan ugu faraxsanahay dugsiga.",
    "Waxaan jeclaan lahaa caawimaad waxbarasho oo dugsiga kadib ah.",
  } },
  { "pt", {
    "Mandem os avisos com mais antecedência, não na véspera.",
    "Precisamos de mais informações em português.",
    "Quero saber mais cedo quando meu filho está com dificuldade.",
    "Façam as reuniões à noite, porque trabalho durante o dia.",
    "É difícil falar com a escola por telefone.",
    "O ônibus atrasa quase todas as manhãs.",
    "Mais reforço escolar depois das aulas.",
    "Obrigada aos professores pela atenção com a minha filha.",
    "Estou muito satisfeito com a escola.",
    "Mais atividades para as famílias participarem.",
  } },
  { "ht", {
    "Tanpri voye avi yo pi bonè, pa jou anvan an.",
    "Nou bezwen yon entèprèt kreyòl nan reyinyon paran yo.",
    "Fè m konnen pi vit si pitit mwen gen difikilte.",
    "Fè reyinyon yo nan aswè, paske m travay lajounen.",
    "Li difisil pou jwenn lekòl la nan telefòn.",
    "Bis la rive an reta prèske chak maten.",
    "Voye enfòmasyon sou devwa yo an kreyòl.",
    "Mèsi anpil pou pwofesè yo, yo ede pitit mwen anpil.",
    "Mwen kontan ak lekòl la.",
    "Plis èd pou devwa apre lekòl.",
  } },
};

typedef enum
{
  ROLE_SCALE,
  ROLE_YES_NO,
  ROLE_MEETING,
  ROLE_SINGLE,
  ROLE_MULTIPLE,
  ROLE_CHANNELS,
  ROLE_GRADE,
  ROLE_HOME_LANGUAGE,
  ROLE_CHILDREN,
  ROLE_NUMBER,
  ROLE_TEXT,
} Role;

typedef struct
{
  const char    *code;
  Role           role;
  PlQuestionKind kind;
  Domain         domain;
  double         shift;
  gboolean       allow_na;
  gboolean       interpreter;   /* English-speaking families rarely need one */
  double         blank;
  int            skip_index;    /* the earlier question its skip rule reads, or -1 */
  const char    *skip_value;
  const char *const *options;
  double         min, max;
  /* Per version: the question's id there, or NULL. */
  const char    *ids[N_TERMS];
} QuestionModel;

typedef struct
{
  char   *code;
  Group   group;
  double  weight;    /* cumulative: families speaking it × how readily they return forms */
} HomeLanguage;

typedef struct
{
  char   *id;
  char   *code;
  int     grade_low, grade_high;
  guint   enrolled;
  GArray *languages;          /* HomeLanguage */
  double  effect;
  double  slope;
  int     step_term;          /* a new principal, a bad year: from this term on… */
  double  step;               /* …the school moves by this much */
  double  rate;               /* forms returned per enrolled family */
  double  grade_weights[G_N_ELEMENTS (grade_bands)];
  guint   next_serial;
} School;

typedef struct
{
  PlStore       *store;
  GRand         *rand;
  GPtrArray     *versions;
  const char    *origin;
  guint          number;
  const char *const *languages;  /* the survey's */
  School        *schools;
  guint          n_schools;
  GPtrArray     *staff;
  QuestionModel  questions[MAX_QUESTIONS];
  guint          n_questions;
  sqlite3_stmt  *response;
  sqlite3_stmt  *answer;
  sqlite3_stmt  *print;
  guint          next_response;
  guint          next_print;
  guint64        rows;
  guint         *serials;         /* scratch for drawing serials */
  gint64        *times;           /* scratch for entry times */
} Gen;

static void
gen_clear (Gen *gen)
{
  for (guint s = 0; s < gen->n_schools; s++)
    {
      g_free (gen->schools[s].id);
      g_free (gen->schools[s].code);
      if (gen->schools[s].languages)
        {
          for (guint l = 0; l < gen->schools[s].languages->len; l++)
            g_free (g_array_index (gen->schools[s].languages, HomeLanguage, l).code);
          g_array_unref (gen->schools[s].languages);
        }
    }
  g_free (gen->schools);
  g_clear_pointer (&gen->staff, g_ptr_array_unref);
  g_clear_pointer (&gen->rand, g_rand_free);
  g_free (gen->serials);
  g_free (gen->times);
}

const char *const *
pl_demo_responses_get_terms (void)
{
  return terms;
}

static double
uniform (Gen    *gen,
         double  low,
         double  high)
{
  return low + (high - low) * g_rand_double (gen->rand);
}

static gboolean
chance (Gen    *gen,
        double  p)
{
  return g_rand_double (gen->rand) < p;
}

/* A standard normal deviate (Box–Muller). */
static double
normal (Gen *gen)
{
  double u = g_rand_double (gen->rand);
  double v = g_rand_double (gen->rand);

  return sqrt (-2.0 * log (MAX (u, 1e-12))) * cos (2.0 * G_PI * v);
}

static Group
group_of (const char *language)
{
  for (guint g = 0; g < GROUP_OTHER; g++)
    if (g_strcmp0 (groups[g].code, language) == 0)
      return g;
  return GROUP_OTHER;
}

static Domain
domain_of (const char *code)
{
  for (guint d = 0; d < DOMAIN_OTHER; d++)
    if (g_strcmp0 (domains[d].code, code) == 0)
      return d;
  return DOMAIN_OTHER;
}

static gboolean
step_done (Gen           *gen,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pl_store_set_error (gen->store, rc, _("write the demo district"), error);
      return FALSE;
    }
  gen->rows++;
  return TRUE;
}

static gboolean
query_failed (Gen           *gen,
              sqlite3_stmt  *stmt,
              int            rc,
              GError       **error)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  _pl_store_set_error (gen->store, rc, _("write the demo district"), error);
  return TRUE;
}

/* The schools, in the order the demo made them, and how many families each
 * has enrolled, by home language. */
static gboolean
read_schools (Gen     *gen,
              GError **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *schools = g_array_new (FALSE, TRUE, sizeof (School));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _pl_store_prepare (gen->store,
                            "SELECT id, code, grade_low, grade_high FROM schools"
                            " WHERE deleted = 0 AND code IS NOT NULL ORDER BY rowid", error);
  if (stmt == NULL)
    goto failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      School school = { 0 };

      school.id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      school.code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      school.grade_low = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                         ? -1 : sqlite3_column_int (stmt, 2);
      school.grade_high = sqlite3_column_type (stmt, 3) == SQLITE_NULL
                          ? 12 : sqlite3_column_int (stmt, 3);
      school.languages = g_array_new (FALSE, TRUE, sizeof (HomeLanguage));
      g_array_append_val (schools, school);
    }
  if (query_failed (gen, stmt, rc, error))
    goto failed;
  sqlite3_reset (stmt);
  gen->n_schools = schools->len;
  gen->schools = (School *) g_array_free (schools, FALSE);
  schools = NULL;
  for (guint s = 0; s < gen->n_schools; s++)
    g_hash_table_insert (index, gen->schools[s].id, &gen->schools[s]);

  stmt = _pl_store_prepare (gen->store,
                            "SELECT st.school_id, f.home_language, count (DISTINCT f.id)"
                            " FROM students st JOIN families f ON f.id = st.family_id"
                            " WHERE st.deleted = 0 AND f.deleted = 0 AND st.school_id IS NOT NULL"
                            " GROUP BY st.school_id, f.home_language"
                            " ORDER BY st.school_id, f.home_language", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      School *school = g_hash_table_lookup (index, sqlite3_column_text (stmt, 0));
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      guint families = sqlite3_column_int (stmt, 2);
      HomeLanguage language;
      double before;

      if (school == NULL)
        continue;
      language.code = g_strdup (code ? code : "en");
      language.group = group_of (language.code);
      before = school->languages->len
               ? g_array_index (school->languages, HomeLanguage, school->languages->len - 1).weight
               : 0.0;
      language.weight = before + families * groups[language.group].returns;
      g_array_append_val (school->languages, language);
      school->enrolled += families;
    }
  return !query_failed (gen, stmt, rc, error);

failed:
  if (schools != NULL)
    g_array_free (schools, TRUE);
  return FALSE;
}

/* Who keys and prints: the demo's staff, in the order it made them. */
static gboolean
read_staff (Gen     *gen,
            GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  gen->staff = g_ptr_array_new_with_free_func (g_free);
  stmt = _pl_store_prepare (gen->store,
                            "SELECT username FROM staff_users WHERE deleted = 0 ORDER BY rowid",
                            error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (gen->staff, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (query_failed (gen, stmt, rc, error))
    return FALSE;
  if (gen->staff->len == 0)
    g_ptr_array_add (gen->staff, g_strdup ("entry"));
  return TRUE;
}

/* Response rates, school effects and trends. Most schools get a quarter to
 * two fifths of their families' forms back, elementary schools more than
 * high schools (about four forms per family over the ten terms); two
 * schools stay well under a quarter, so "not representative" has something
 * to mark. A few schools improve over the years, one takes a turn for the
 * better, one for the worse. */
static void
plan_schools (Gen *gen)
{
  g_autofree guint *order = g_new (guint, gen->n_schools);
  School *low_high = NULL, *low_other = NULL;
  guint picked = 0;

  for (guint s = 0; s < gen->n_schools; s++)
    {
      School *school = &gen->schools[s];
      double total = 0;

      school->effect = normal (gen) * SCHOOL_SD;
      school->slope = 0.01 + normal (gen) * 0.012;
      school->step_term = N_TERMS;
      if (school->grade_low >= 9)
        school->rate = uniform (gen, 0.26, 0.31);
      else if (school->grade_low >= 6)
        school->rate = uniform (gen, 0.26, 0.34);
      else if (school->grade_high >= 6)
        school->rate = uniform (gen, 0.27, 0.36);
      else
        school->rate = uniform (gen, 0.28, 0.40);
      school->next_serial = 1;

      for (guint b = 0; b < G_N_ELEMENTS (grade_bands); b++)
        {
          int low = MAX (grade_bands[b].low, school->grade_low);
          int high = MIN (grade_bands[b].high, school->grade_high);

          school->grade_weights[b] = high >= low ? (high - low + 1) * grade_bands[b].weight : 0.0;
          total += school->grade_weights[b];
        }
      for (guint b = 0; b < G_N_ELEMENTS (grade_bands) && total > 0; b++)
        school->grade_weights[b] /= total;
      order[s] = s;
    }

  /* Which schools stand out, in an order drawn from the seed. */
  for (guint s = gen->n_schools; s > 1; s--)
    {
      guint j = g_rand_int_range (gen->rand, 0, s);
      guint swap = order[s - 1];

      order[s - 1] = order[j];
      order[j] = swap;
    }
  for (guint i = 0; i < gen->n_schools; i++)
    {
      School *school = &gen->schools[order[i]];

      if (low_high == NULL && school->grade_low >= 9)
        low_high = school;
      else if (low_other == NULL && school->grade_low < 9)
        low_other = school;
      else if (picked < 4)
        {
          school->slope = 0.06;
          picked++;
        }
      else if (picked == 4)
        {
          /* A new principal in 2024-fall. */
          school->step_term = 5;
          school->step = 0.45;
          picked++;
        }
      else if (picked == 5)
        {
          /* Losing ground, then a hard year from 2025-spring on. */
          school->slope = -0.04;
          school->step_term = 6;
          school->step = -0.35;
          picked++;
        }
    }
  if (low_high != NULL)
    low_high->rate = uniform (gen, 0.10, 0.16);
  if (low_other != NULL)
    low_other->rate = uniform (gen, 0.12, 0.18);
}

static double
shift_of (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (question_shifts); i++)
    if (g_strcmp0 (question_shifts[i].code, code) == 0)
      return question_shifts[i].shift;
  return 0.0;
}

/* What each question of the newest version asks and how it is answered;
 * the older versions are copies of it, matched by question code. */
static void
plan_questions (Gen *gen)
{
  PlSurvey *newest = gen->versions->pdata[gen->versions->len - 1];
  /* The shipped survey has 22; questions past the limit stay blank. */
  guint n = MIN (pl_survey_get_n_questions (newest), MAX_QUESTIONS);

  gen->n_questions = n;
  for (guint i = 0; i < n; i++)
    {
      PlQuestion *question = pl_survey_get_question (newest, i);
      QuestionModel *model = &gen->questions[i];
      const char *code = pl_question_get_code (question);
      const char *skip = pl_question_get_skip_question_id (question);
      gboolean has_min, has_max;

      model->code = code;
      model->kind = pl_question_get_kind (question);
      model->domain = domain_of (pl_question_get_domain (question));
      model->shift = shift_of (code);
      model->allow_na = pl_question_get_allow_na (question);
      model->interpreter = g_strcmp0 (code, "comm_interpreter") == 0;
      model->options = pl_question_get_options (question);
      model->skip_index = -1;
      if (skip != NULL)
        {
          model->skip_index = pl_survey_question_index (newest,
                                                        pl_survey_find_question (newest, skip));
          model->skip_value = pl_question_get_skip_value (question);
        }
      pl_question_get_range (question, &model->min, &has_min, &model->max, &has_max);
      if (!has_min)
        model->min = 1;
      if (!has_max)
        model->max = MAX (model->min, 1) + 9;

      switch (model->kind)
        {
        case PL_QUESTION_AGREEMENT:
        case PL_QUESTION_FREQUENCY:
          model->role = ROLE_SCALE;
          break;
        case PL_QUESTION_YES_NO:
          model->role = g_strcmp0 (code, "voice_meeting") == 0 ? ROLE_MEETING : ROLE_YES_NO;
          break;
        case PL_QUESTION_SINGLE:
          model->role = g_strcmp0 (code, "demo_grade") == 0 ? ROLE_GRADE
                        : g_strcmp0 (code, "demo_language") == 0 ? ROLE_HOME_LANGUAGE
                        : ROLE_SINGLE;
          break;
        case PL_QUESTION_MULTIPLE:
          model->role = g_strcmp0 (code, "comm_channels") == 0 ? ROLE_CHANNELS : ROLE_MULTIPLE;
          break;
        case PL_QUESTION_NUMBER:
          model->role = g_strcmp0 (code, "demo_children") == 0 ? ROLE_CHILDREN : ROLE_NUMBER;
          break;
        case PL_QUESTION_SHORT_TEXT:
        case PL_QUESTION_LONG_TEXT:
        default:
          model->role = ROLE_TEXT;
          break;
        }

      /* Now and then a question is passed over, more often towards the end
       * and on the questions about the family. */
      if (pl_question_get_required (question))
        model->blank = 0.0;
      else if (model->domain == DOMAIN_OTHER)
        model->blank = 0.05;
      else
        model->blank = 0.02 + 0.025 * i / MAX (n, 1);

      for (guint v = 0; v < gen->versions->len && v < N_TERMS; v++)
        {
          PlQuestion *same = pl_survey_find_question_by_code (gen->versions->pdata[v], code);

          model->ids[v] = same ? pl_question_get_id (same) : NULL;
        }
    }
}

/* A scale answer from its latent score. */
static const char *
scale_value (double score)
{
  static const char *const points[] = { "1", "2", "3", "4", "5" };
  guint point = 0;

  while (point < 4 && score > cutpoints[point])
    point++;
  return points[point];
}

static gboolean
answer_includes (const char *answer,
                 const char *value)
{
  g_auto(GStrv) parts = NULL;

  if (answer == NULL || value == NULL)
    return FALSE;
  if (g_str_equal (answer, value))
    return TRUE;
  parts = g_strsplit (answer, " ", -1);
  return g_strv_contains ((const char *const *) parts, value);
}

typedef struct
{
  guint        term;
  School      *school;
  Group        group;
  const char  *home_language;
  const char  *form_language;
  double       mood;          /* the family's own lean, over every question */
} Respondent;

static const char *
comment_for (Gen              *gen,
             const Respondent *who)
{
  for (guint l = 0; l < G_N_ELEMENTS (comments); l++)
    if (g_str_equal (comments[l].language, who->form_language))
      {
        /* Happier families write the thank-you notes. */
        gboolean happy = who->mood > 0.3 ? chance (gen, 0.7) : chance (gen, 0.15);
        guint i = happy ? g_rand_int_range (gen->rand, FIRST_HAPPY, N_COMMENTS)
                        : g_rand_int_range (gen->rand, 0, FIRST_HAPPY);

        return comments[l].texts[i];
      }
  return NULL;
}

/* One respondent's answer to one question, or NULL for a blank. @buffer
 * holds answers that are not constant strings. */
static const char *
answer (Gen                 *gen,
        const Respondent    *who,
        const QuestionModel *model,
        const char         **answers,
        char                *buffer)
{
  School *school = who->school;
  double t = who->term;

  if (model->skip_index >= 0)
    {
      const QuestionModel *rule = &gen->questions[model->skip_index];
      const char *given = answers[model->skip_index];

      if (rule->kind == PL_QUESTION_MULTIPLE ? !answer_includes (given, model->skip_value)
                                             : g_strcmp0 (given, model->skip_value) != 0)
        return NULL;
    }
  if (model->role == ROLE_TEXT)
    return chance (gen, COMMENT_CHANCE) ? comment_for (gen, who) : NULL;
  if (chance (gen, model->blank))
    return NULL;

  switch (model->role)
    {
    case ROLE_SCALE:
      {
        double na = model->interpreter ? (who->group == GROUP_EN ? 0.65 : 0.08) : 0.06;
        double gap = model->domain < DOMAIN_OTHER ? groups[who->group].gap[model->domain] : 0.0;
        double score;

        if (model->allow_na && chance (gen, na))
          return PL_ANSWER_NOT_APPLICABLE;
        /* The zone hired Somali-speaking liaisons: the gap in communication
         * closes by half over the years. */
        if (who->group == GROUP_SO && model->domain == DOMAIN_COMMUNICATION)
          gap *= 1.0 - 0.055 * t;
        /* An English form in a home that speaks another language. */
        if (model->domain == DOMAIN_COMMUNICATION && who->group != GROUP_EN &&
            g_str_equal (who->form_language, "en"))
          gap -= 0.10;
        score = INTERCEPT + domains[model->domain].shift + model->shift + school->effect +
                (school->slope + ZONE_SLOPE) * (t - (N_TERMS - 1) / 2.0) +
                (t >= school->step_term ? school->step : 0.0) + gap + who->mood + normal (gen);
        return scale_value (score);
      }

    case ROLE_MEETING:
      {
        double p = groups[who->group].meeting + 0.012 * (t - 4.5) + 0.1 * school->effect;

        return chance (gen, CLAMP (p, 0.05, 0.9)) ? "yes" : "no";
      }

    case ROLE_YES_NO:
      return chance (gen, 0.5) ? "yes" : "no";

    case ROLE_CHANNELS:
    case ROLE_MULTIPLE:
      {
        gsize len = 0;

        buffer[0] = '\0';
        for (guint o = 0; model->options && model->options[o]; o++)
          {
            const char *value = model->options[o];
            gsize value_len = strlen (value);
            double p = 0.25;

            for (guint c = 0; c < G_N_ELEMENTS (channel_chances); c++)
              if (model->role == ROLE_CHANNELS && g_str_equal (channel_chances[c].value, value))
                p = channel_chances[c].chance;
            /* English speakers read their email; other families would rather
             * be called; the school app catches on over the years. */
            if (g_str_equal (value, "email"))
              p += who->group == GROUP_EN ? 0.15 : -0.10;
            else if (g_str_equal (value, "call") && who->group != GROUP_EN)
              p += 0.15;
            else if (g_str_equal (value, "app"))
              p += 0.025 * (t - 4.5);
            if (chance (gen, p) && len + value_len + 2 < VALUE_SIZE)
              {
                if (len > 0)
                  buffer[len++] = ' ';
                memcpy (buffer + len, value, value_len + 1);
                len += value_len;
              }
          }
        if (len == 0 && model->options && model->options[0])
          {
            /* Someone who answers at all marks one way at least. */
            guint n = g_strv_length ((char **) model->options);

            g_strlcpy (buffer, model->options[g_rand_int_range (gen->rand, 0, n)], VALUE_SIZE);
          }
        return buffer[0] ? buffer : NULL;
      }

    case ROLE_GRADE:
      if (model->options && chance (gen, 0.96))
        {
          double r = g_rand_double (gen->rand);

          for (guint b = 0; b < G_N_ELEMENTS (grade_bands); b++)
            {
              if (r < school->grade_weights[b] &&
                  g_strv_contains (model->options, grade_bands[b].value))
                return grade_bands[b].value;
              r -= school->grade_weights[b];
            }
        }
      /* A parent answering for another of their children. */
      G_GNUC_FALLTHROUGH;
    case ROLE_SINGLE:
      if (model->options == NULL || model->options[0] == NULL)
        return NULL;
      return model->options[g_rand_int_range (gen->rand, 0,
                                              g_strv_length ((char **) model->options))];

    case ROLE_HOME_LANGUAGE:
      {
        const char *said = who->group == GROUP_OTHER ? "other" : who->home_language;

        /* Bilingual families sometimes say English. */
        if (who->group != GROUP_EN && chance (gen, 0.05))
          said = "en";
        if (model->options && g_strv_contains (model->options, said))
          return said;
        if (model->options && g_strv_contains (model->options, "other"))
          return "other";
        return NULL;
      }

    case ROLE_CHILDREN:
      {
        static const double weights[] = { 0.40, 0.33, 0.17, 0.07, 0.03 };
        double r = g_rand_double (gen->rand);
        guint children = 1;

        for (guint i = 0; i < G_N_ELEMENTS (weights) - 1 && r >= weights[i]; i++)
          {
            r -= weights[i];
            children++;
          }
        children = CLAMP (children, (guint) MAX (model->min, 0), (guint) model->max);
        g_snprintf (buffer, VALUE_SIZE, "%u", children);
        return buffer;
      }

    case ROLE_NUMBER:
      g_snprintf (buffer, VALUE_SIZE, "%d",
                  g_rand_int_range (gen->rand, (gint32) ceil (model->min),
                                    (gint32) floor (model->max) + 1));
      return buffer;

    case ROLE_TEXT:
    default:
      return NULL;
    }
}

static gint64
day_unix (int year,
          int month,
          int day)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, day, 0, 0, 0);

  return g_date_time_to_unix (date);
}

static char *
format_unix (gint64 when)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (when);

  return g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ");
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The home language of the next family to send a form back. */
static const HomeLanguage *
pick_language (Gen    *gen,
               School *school)
{
  GArray *languages = school->languages;
  double total = g_array_index (languages, HomeLanguage, languages->len - 1).weight;
  double r = g_rand_double (gen->rand) * total;

  for (guint l = 0; l < languages->len; l++)
    if (r < g_array_index (languages, HomeLanguage, l).weight)
      return &g_array_index (languages, HomeLanguage, l);
  return &g_array_index (languages, HomeLanguage, languages->len - 1);
}

/* One term at one school: the forms printed for every enrolled family,
 * the ones that came back, keyed over the weeks of the survey. */
static gboolean
write_school_term (Gen     *gen,
                   guint    term,
                   School  *school,
                   GError **error)
{
  PlSurvey *survey = gen->versions->pdata[term];
  gboolean spring = g_str_has_suffix (terms[term], "spring");
  int year = 2022 + term / 2;
  /* Forms go home in April or mid-October; the last are keyed by late May
   * or 20 November (the demo's "today" in the current term). */
  gint64 start = spring ? day_unix (year, 4, 6) : day_unix (year, 10, 13);
  guint days = spring ? 48 : 39;
  /* More forms come back as the survey becomes a habit. */
  double rate = school->rate * (0.88 + 0.015 * term) + uniform (gen, -0.02, 0.02);
  guint printed = school->enrolled + (school->enrolled + 19) / 20;
  guint n = (guint) floor (school->enrolled * CLAMP (rate, 0.02, 0.95) + 0.5);
  const char *keyers[2];
  g_autofree char *hlc = pl_clock_now (pl_store_get_clock (gen->store));
  g_autofree char *printed_at = format_unix (start - 12 * 86400 + 15 * 3600);
  char print_id[16];
  guint first_serial = school->next_serial;

  if (school->enrolled == 0 || school->languages->len == 0)
    return TRUE;
  n = MIN (n, printed);
  /* Two of the first six staff key a school's forms each term. */
  keyers[0] = gen->staff->pdata[g_rand_int_range (gen->rand, 0, MIN (gen->staff->len, 6))];
  keyers[1] = gen->staff->pdata[g_rand_int_range (gen->rand, 0, MIN (gen->staff->len, 6))];

  /* The print run the serials come from, so a later print run at the
   * school (pl_store_reserve_form_serials()) never reuses a code. */
  g_snprintf (print_id, sizeof print_id, "dp%05x", ++gen->next_print);
  sqlite3_bind_text (gen->print, 1, print_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (gen->print, 2, hlc, -1, SQLITE_STATIC);
  sqlite3_bind_text (gen->print, 3, gen->origin, -1, SQLITE_STATIC);
  sqlite3_bind_text (gen->print, 4, pl_survey_get_series_id (survey), -1, SQLITE_STATIC);
  sqlite3_bind_text (gen->print, 5, school->id, -1, SQLITE_STATIC);
  sqlite3_bind_int (gen->print, 6, first_serial);
  sqlite3_bind_int (gen->print, 7, printed);
  sqlite3_bind_text (gen->print, 8, keyers[0], -1, SQLITE_STATIC);
  sqlite3_bind_text (gen->print, 9, printed_at, -1, SQLITE_STATIC);
  if (!step_done (gen, gen->print, error))
    return FALSE;
  school->next_serial += printed;

  /* Which forms came back: n distinct serials of the run. */
  gen->serials = g_renew (guint, gen->serials, printed);
  for (guint i = 0; i < printed; i++)
    gen->serials[i] = first_serial + i;
  for (guint i = 0; i < n; i++)
    {
      guint j = g_rand_int_range (gen->rand, i, printed);
      guint swap = gen->serials[i];

      gen->serials[i] = gen->serials[j];
      gen->serials[j] = swap;
    }

  /* When each was keyed: office hours on weekdays, in keying order. */
  gen->times = g_renew (gint64, gen->times, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      guint day = g_rand_int_range (gen->rand, 0, days);
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (start + (gint64) day * 86400);
      int weekday = g_date_time_get_day_of_week (date);

      /* Saturday's forms wait for Friday's, Sunday's for Monday's. */
      if (weekday == 6)
        day = day >= 1 ? day - 1 : day + 2;
      else if (weekday == 7)
        day = day + 1 < days ? day + 1 : day - 2;
      gen->times[i] = start + (gint64) day * 86400 + 13 * 3600 +
                      g_rand_int_range (gen->rand, 0, 8 * 3600 + 1800);
    }
  qsort (gen->times, n, sizeof (gint64), compare_times);

  for (guint i = 0; i < n; i++)
    {
      const HomeLanguage *home = pick_language (gen, school);
      Respondent who = { term, school, home->group, home->code, "en", 0.0 };
      g_autofree char *form_code = pl_form_code_format (gen->number, school->code, gen->serials[i]);
      g_autofree char *entered_at = NULL;
      g_autofree char *started_at = NULL;
      const char *answers[MAX_QUESTIONS] = { NULL };
      char buffers[MAX_QUESTIONS][VALUE_SIZE];
      char response_id[16];
      double seconds;

      /* Most families read the form in their own language when it is printed in it. */
      if (home->group != GROUP_EN && home->group != GROUP_OTHER &&
          g_strv_contains (gen->languages, home->code) && chance (gen, 0.88))
        who.form_language = home->code;
      else if (!g_strv_contains (gen->languages, "en"))
        who.form_language = gen->languages[0];
      who.mood = normal (gen) * PERSON_SD;

      seconds = exp (log (105.0) + 0.3 * normal (gen));
      seconds = CLAMP (seconds, 60.0, 200.0);
      seconds = floor (seconds * 10.0 + 0.5) / 10.0;
      entered_at = format_unix (gen->times[i]);
      started_at = format_unix (gen->times[i] - (gint64) ceil (seconds));

      g_snprintf (response_id, sizeof response_id, "dr%06x", ++gen->next_response);
      sqlite3_bind_text (gen->response, 1, response_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (gen->response, 2, hlc, -1, SQLITE_STATIC);
      sqlite3_bind_text (gen->response, 3, gen->origin, -1, SQLITE_STATIC);
      sqlite3_bind_text (gen->response, 4, pl_survey_get_id (survey), -1, SQLITE_STATIC);
      sqlite3_bind_text (gen->response, 5, school->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (gen->response, 6, form_code, -1, SQLITE_STATIC);
      sqlite3_bind_text (gen->response, 7, who.form_language, -1, SQLITE_STATIC);
      sqlite3_bind_text (gen->response, 8, keyers[g_rand_int_range (gen->rand, 0, 2)], -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (gen->response, 9, entered_at, -1, SQLITE_STATIC);
      sqlite3_bind_text (gen->response, 10, started_at, -1, SQLITE_STATIC);
      sqlite3_bind_double (gen->response, 11, seconds);
      if (!step_done (gen, gen->response, error))
        return FALSE;

      for (guint q = 0; q < gen->n_questions; q++)
        {
          const QuestionModel *model = &gen->questions[q];
          char answer_id[24];

          answers[q] = answer (gen, &who, model, answers, buffers[q]);
          if (answers[q] == NULL || model->ids[term] == NULL)
            continue;
          g_snprintf (answer_id, sizeof answer_id, "%s.%02u", response_id, q + 1);
          sqlite3_bind_text (gen->answer, 1, answer_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (gen->answer, 2, hlc, -1, SQLITE_STATIC);
          sqlite3_bind_text (gen->answer, 3, gen->origin, -1, SQLITE_STATIC);
          sqlite3_bind_text (gen->answer, 4, response_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (gen->answer, 5, model->ids[term], -1, SQLITE_STATIC);
          sqlite3_bind_text (gen->answer, 6, answers[q], -1, SQLITE_STATIC);
          if (!step_done (gen, gen->answer, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * pl_demo_responses_write:
 *
 * Fills the demo's survey versions with responses. The store's own
 * pl_store_save_response() would check and journal each form one
 * transaction at a time; demo forms are known good and never sync, so they
 * go in as rows, and the test suite checks them against the survey.
 */
gboolean
pl_demo_responses_write (PlStore       *store,
                         GPtrArray     *versions,
                         guint32        seed,
                         guint64       *rows,
                         GCancellable  *cancellable,
                         GError       **error)
{
  /* Its own stream of numbers, so the families drawn before stay as they were. */
  guint32 seeds[] = { seed, 0x5375e7 };
  Gen gen = { 0 };
  PlSurvey *newest;

  g_return_val_if_fail (PL_IS_STORE (store), FALSE);
  g_return_val_if_fail (versions != NULL && versions->len == N_TERMS, FALSE);

  newest = versions->pdata[versions->len - 1];
  gen.store = store;
  gen.rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));
  gen.versions = versions;
  gen.origin = pl_store_get_device_id (store);
  gen.number = pl_survey_get_number (newest);
  gen.languages = pl_survey_get_languages (newest);

  if (!read_schools (&gen, error) || !read_staff (&gen, error))
    goto out;
  plan_questions (&gen);
  plan_schools (&gen);

  gen.response = _pl_store_prepare (store,
                                    "INSERT INTO responses (id, hlc, origin, survey_id,"
                                    " school_id, form_code, language, mode, entered_by, keying,"
                                    " verification, entered_at, started_at, keyed_seconds)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, 'paper', ?, 1, 'single',"
                                    " ?, ?, ?)", error);
  if (gen.response == NULL)
    goto out;
  gen.answer = _pl_store_prepare (store,
                                  "INSERT INTO answers (id, hlc, origin, response_id,"
                                  " question_id, value) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (gen.answer == NULL)
    goto out;
  gen.print = _pl_store_prepare (store,
                                 "INSERT INTO form_prints (id, hlc, origin, series_id, school_id,"
                                 " first_serial, count, printed_by, printed_at)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (gen.print == NULL)
    goto out;

  for (guint term = 0; term < N_TERMS; term++)
    for (guint s = 0; s < gen.n_schools; s++)
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !write_school_term (&gen, term, &gen.schools[s], error))
        goto out;

  *rows += gen.rows;
  gen_clear (&gen);
  return TRUE;

out:
  gen_clear (&gen);
  return FALSE;
}
