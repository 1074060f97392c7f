#include "panier/core/error.hpp"

#include <fmt/format.h>

namespace panier {

namespace {
std::string first_or_empty(const std::vector<std::string>& messages) {
  return messages.empty() ? std::string() : messages.front();
}
} // namespace

Error::Error(ExitCode code, std::string message)
    : std::runtime_error(message), m_code(code), m_messages{std::move(message)} {}

Error::Error(ExitCode code, std::vector<std::string> messages)
    : std::runtime_error(first_or_empty(messages)), m_code(code), m_messages(std::move(messages)) {}

std::string located(std::string_view file, long line, std::string_view message, long col) {
  if (col > 0) {
    return fmt::format("{}:{}:{}: {}", file, line, col, message);
  }
  return fmt::format("{}:{}: {}", file, line, message);
}

void Diagnostics::throw_if_any(ExitCode code) const {
  if (!m_messages.empty()) {
    throw Error(code, m_messages);
  }
}

} // namespace panier
