/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "porchlight-core"

#include "config.h"

#include <string.h>

#include "pl-survey.h"

/* The answer labels of the scales Porchlight ships, in the zone's languages,
 * so a new survey prints whole in a family's language before anyone has
 * translated a word of it. They are what a family reads on paper, in that
 * language, not strings of the program's own interface: gettext is not the
 * place for them.
 *
 * The wording follows what school districts' translated family surveys use:
 * the speaker's "I agree" in the first person where the language says it
 * that way (Arabic, Somali, Dari, Haitian Creole), short words that fit a
 * printed answer box, and the everyday rather than the academic word. */

typedef struct
{
  const char *language;
  /* agreement 1–5, agreement n/a, frequency 1–5, frequency n/a, yes, no */
  const char *labels[14];
} ScaleLabels;

static const ScaleLabels scale_labels[] = {
  { "en", {
      "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
      "Not applicable",
      "Never", "Rarely", "Sometimes", "Often", "Always",
      "Not applicable",
      "Yes", "No" } },
  { "es", {
      "Totalmente en desacuerdo", "En desacuerdo", "Ni de acuerdo ni en desacuerdo", "De acuerdo",
      "Totalmente de acuerdo",
      "No aplica",
      "Nunca", "Casi nunca", "A veces", "Casi siempre", "Siempre",
      "No aplica",
      "Sí", "No" } },
  { "vi", {
      "Hoàn toàn không đồng ý", "Không đồng ý", "Không đồng ý cũng không phản đối", "Đồng ý",
      "Hoàn toàn đồng ý",
      "Không áp dụng",
      "Không bao giờ", "Hiếm khi", "Thỉnh thoảng", "Thường xuyên", "Luôn luôn",
      "Không áp dụng",
      "Có", "Không" } },
  { "ar", {
      "لا أوافق إطلاقًا", "لا أوافق", "محايد", "أوافق", "أوافق بشدة",
      "لا ينطبق",
      "أبدًا", "نادرًا", "أحيانًا", "غالبًا", "دائمًا",
      "لا ينطبق",
      "نعم", "لا" } },
  { "ne", {
      "पूर्ण रूपमा असहमत", "असहमत", "न सहमत न असहमत", "सहमत", "पूर्ण रूपमा सहमत",
      "लागू हुँदैन",
      "कहिल्यै पनि होइन", "विरलै", "कहिलेकाहीँ", "प्रायः", "सधैँ",
      "लागू हुँदैन",
      "हो", "होइन" } },
  { "so", {
      "Gabi ahaanba waan diidanahay", "Waan diidanahay", "Dhexdhexaad", "Waan ku raacsanahay",
      "Gabi ahaanba waan ku raacsanahay",
      "Ima khuseyso",
      "Marnaba", "Marar dhif ah", "Mararka qaarkood", "Inta badan", "Had iyo jeer",
      "Ima khuseyso",
      "Haa", "Maya" } },
  { "pt", {
      "Discordo totalmente", "Discordo", "Não concordo nem discordo", "Concordo",
      "Concordo totalmente",
      "Não se aplica",
      "Nunca", "Raramente", "Às vezes", "Frequentemente", "Sempre",
      "Não se aplica",
      "Sim", "Não" } },
  { "ht", {
      "Mwen pa dakò ditou", "Mwen pa dakò", "Ni dakò ni pa dakò", "Mwen dakò", "Mwen dakò nèt",
      "Sa pa konsène m",
      "Pa janm", "Raman", "Pafwa", "Souvan", "Toujou",
      "Sa pa konsène m",
      "Wi", "Non" } },
  { "sw", {
      "Sikubaliani kabisa", "Sikubaliani", "Sikubaliani wala sikatai", "Nakubaliana",
      "Nakubaliana kabisa",
      "Haihusiki",
      "Kamwe", "Mara chache", "Wakati mwingine", "Mara nyingi", "Kila mara",
      "Haihusiki",
      "Ndiyo", "Hapana" } },
  { "prs", {
      "کاملاً مخالفم", "مخالفم", "نه موافقم نه مخالف", "موافقم", "کاملاً موافقم",
      "مربوط نمی‌شود",
      "هرگز", "به ندرت", "گاهی", "اکثراً", "همیشه",
      "مربوط نمی‌شود",
      "بلی", "نخیر" } },
};

/* Where an owner id's label sits in ScaleLabels.labels, or -1. */
static int
label_index (const char *owner_id)
{
  static const char *const values[] = { "1", "2", "3", "4", "5", "na" };
  const char *value;
  int base;

  if (g_str_has_prefix (owner_id, "agreement/"))
    base = 0;
  else if (g_str_has_prefix (owner_id, "frequency/"))
    base = 6;
  else if (g_str_equal (owner_id, "yes-no/yes"))
    return 12;
  else if (g_str_equal (owner_id, "yes-no/no"))
    return 13;
  else
    return -1;

  value = strchr (owner_id, '/') + 1;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (g_str_equal (value, values[i]))
      return base + (int) i;
  return -1;
}

/**
 * pl_survey_builtin_scale_label:
 * @owner_id: a scale point, "agreement/1" … "agreement/na", "frequency/…",
 *   "yes-no/yes" or "yes-no/no"
 * @language: a language code
 *
 * Returns: (nullable): the label Porchlight ships for that point in that
 *   language, or %NULL when it has none
 */
const char *
pl_survey_builtin_scale_label (const char *owner_id,
                               const char *language)
{
  int index;

  g_return_val_if_fail (owner_id != NULL, NULL);

  if (language == NULL || (index = label_index (owner_id)) < 0)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (scale_labels); i++)
    if (g_str_equal (scale_labels[i].language, language))
      return scale_labels[i].labels[index];
  return NULL;
}
