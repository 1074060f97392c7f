#include "panier/core/collate.hpp"

#include <memory>

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

namespace panier {

namespace {

// The collator for French, made once; null when ICU has no data for it (then bytes decide).
const icu::Collator* french() {
  static const std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale::getFrench(), status));
    return U_SUCCESS(status) ? std::move(c) : nullptr;
  }();
  return collator.get();
}

int bytes_order(std::string_view a, std::string_view b) {
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

} // namespace

int collate(std::string_view a, std::string_view b) {
  if (const icu::Collator* c = french()) {
    UErrorCode status = U_ZERO_ERROR;
    const UCollationResult r =
        c->compareUTF8(icu::StringPiece(a.data(), static_cast<std::int32_t>(a.size())),
                       icu::StringPiece(b.data(), static_cast<std::int32_t>(b.size())), status);
    if (U_SUCCESS(status) && r != UCOL_EQUAL) {
      return r == UCOL_LESS ? -1 : 1;
    }
  }
  return bytes_order(a, b);
}

std::string collation_key(std::string_view text) {
  std::string key;
  if (const icu::Collator* c = french()) {
    const icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
    const std::int32_t length = c->getSortKey(u, nullptr, 0);
    key.resize(static_cast<std::size_t>(length));
    c->getSortKey(u, reinterpret_cast<std::uint8_t*>(key.data()), length);
    // getSortKey ends its key with a zero byte: it stays, so that a shorter key sorts first.
  }
  key += '\x01'; // then the bytes, so that distinct texts never tie
  key += text;
  return key;
}

} // namespace panier
