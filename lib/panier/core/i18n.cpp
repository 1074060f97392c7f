#include "panier/core/i18n.hpp"

#include <libintl.h>

namespace panier {

namespace {
bool g_translations = false;
} // namespace

void use_translations(bool on) { g_translations = on; }

bool translations_on() { return g_translations; }

const char* tr(const char* english) {
  // dgettext returns its argument itself when the catalogue has no translation.
  return g_translations ? dgettext(k_text_domain, english) : english;
}

const char* trn(const char* singular, const char* plural, unsigned long count) {
  if (g_translations) {
    return dngettext(k_text_domain, singular, plural, count);
  }
  return count == 1 ? singular : plural;
}

} // namespace panier
