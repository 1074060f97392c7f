// Errors and exit codes: the one place that maps a kind of failure to the documented sysexits code.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace panier {

// Exit statuses of the interface contract (sysexits).
enum class ExitCode : int {
  ok = 0,
  internal = 1,
  usage = 64,
  data = 65,
  no_input = 66,
  cant_create = 73,
  io = 74,
  busy = 75,
  config = 78,
};

// A failure a user can act on. Carries one or more messages (each already located as
// "FILE:LINE: what" where a location exists) and the exit code the process ends with.
class Error : public std::runtime_error {
public:
  Error(ExitCode code, std::string message);
  // `unlisted`: more problems of the same input, counted but not kept (see Diagnostics).
  Error(ExitCode code, std::vector<std::string> messages, std::size_t unlisted = 0);

  ExitCode code() const noexcept { return m_code; }
  const std::vector<std::string>& messages() const noexcept { return m_messages; }
  // Every problem, listed or not.
  std::size_t count() const noexcept;

private:
  ExitCode m_code;
  std::vector<std::string> m_messages;
  std::size_t m_unlisted = 0;
};

// How many problems of one input are listed; the others are counted ("… and 40 more").
inline constexpr std::size_t k_max_listed = 20;

// "FILE:LINE: message" (or "FILE:LINE:COL: message" when col > 0).
std::string located(std::string_view file, long line, std::string_view message, long col = 0);

// A value from an input file, as a message may show it: in quotes (at most k_message_chars
// characters, control characters and stray bytes escaped: see message_text), unless it looks like personal
// data (a phone number: eight digits or more; a name: a capitalised word of letters), which a
// message never repeats: then what it looks like, in words. Columns get shifted in spreadsheets,
// so this holds for every column, not only the names and phones.
std::string quoted(std::string_view value);

// Collects every problem found in one input so they can all be reported at once: the first
// k_max_listed messages are kept, the rest counted, so a file of a million bad lines costs no
// more memory than one of twenty.
class Diagnostics {
public:
  void add(std::string message);
  bool empty() const noexcept { return m_messages.empty(); }
  std::size_t size() const noexcept { return m_messages.size() + m_unlisted; }
  const std::vector<std::string>& messages() const noexcept { return m_messages; }
  // Throws Error(code, the messages and the count of the others) when anything was collected.
  void throw_if_any(ExitCode code) const;

private:
  std::vector<std::string> m_messages;
  std::size_t m_unlisted = 0;
};

} // namespace panier
