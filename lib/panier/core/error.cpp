#include "panier/core/error.hpp"

#include <fmt/format.h>

#include "panier/core/utf8.hpp"

namespace panier {

namespace {
std::string first_or_empty(const std::vector<std::string>& messages) {
  return messages.empty() ? std::string() : messages.front();
}
} // namespace

Error::Error(ExitCode code, std::string message)
    : std::runtime_error(message), m_code(code), m_messages{std::move(message)} {}

Error::Error(ExitCode code, std::vector<std::string> messages, std::size_t unlisted)
    : std::runtime_error(first_or_empty(messages)), m_code(code), m_messages(std::move(messages)),
      m_unlisted(unlisted) {}

std::size_t Error::count() const noexcept { return m_messages.size() + m_unlisted; }

void Diagnostics::add(std::string message) {
  if (m_messages.size() < k_max_listed) {
    m_messages.push_back(std::move(message));
  } else {
    ++m_unlisted;
  }
}

std::string located(std::string_view file, long line, std::string_view message, long col) {
  if (col > 0) {
    return fmt::format("{}:{}:{}: {}", file, line, col, message);
  }
  return fmt::format("{}:{}: {}", file, line, message);
}

void Diagnostics::throw_if_any(ExitCode code) const {
  if (!m_messages.empty()) {
    throw Error(code, m_messages, m_unlisted);
  }
}

} // namespace panier

namespace panier {

namespace {

bool looks_like_phone(std::string_view value) {
  int digits = 0;
  for (const char c : value) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (std::string_view(" .-()+").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return digits >= 8;
}

// Letters (any non-ASCII byte counts as one), spaces, hyphens and apostrophes, starting with a
// capital: "Dupont", "Le Goff", "DUPONT", "Élodie", "N'Diaye".
bool looks_like_name(std::string_view value) {
  if (value.size() < 3) {
    return false;
  }
  const auto first = static_cast<unsigned char>(value.front());
  if (!((first >= 'A' && first <= 'Z') || first >= 0x80)) {
    return false;
  }
  int letters = 0;
  for (const char c : value) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || b >= 0x80) {
      ++letters;
    } else if (c != ' ' && c != '-' && c != '\'') {
      return false;
    }
  }
  return letters >= 3;
}

} // namespace

std::string quoted(std::string_view value) {
  if (looks_like_phone(value)) {
    return "a value that looks like a phone number (not repeated here)";
  }
  if (looks_like_name(value)) {
    return "a value that looks like a name (not repeated here)";
  }
  return fmt::format("\"{}\"", message_text(value));
}

} // namespace panier
