#include "panier/io/xml.hpp"

#include <cstring>
#include <exception>
#include <new>
#include <vector>

#include <expat.h>
#include <fmt/format.h>

namespace panier {

namespace {

constexpr char k_namespace_separator = '|';

std::string_view local_name(const char* name) {
  const char* bar = std::strrchr(name, k_namespace_separator);
  return bar == nullptr ? std::string_view(name) : std::string_view(bar + 1);
}

} // namespace

// An exception must not cross expat's C frames: it is kept, parsing stops, and pump() rethrows.
template <class F> void XmlPump::guarded(void* data, F&& call) {
  auto* self = static_cast<XmlPump*>(data);
  if (self->m_failure) {
    return;
  }
  try {
    call(*self->m_handler);
  } catch (...) {
    self->m_failure = std::current_exception();
    XML_StopParser(self->m_parser, XML_FALSE);
  }
}

void XmlPump::on_start(void* data, const char* name, const char** attributes) {
  guarded(data, [&](XmlHandler& h) { h.start(local_name(name), attributes); });
}

void XmlPump::on_end(void* data, const char* name) {
  guarded(data, [&](XmlHandler& h) { h.end(local_name(name)); });
}

void XmlPump::on_text(void* data, const char* text, int length) {
  guarded(data, [&](XmlHandler& h) { h.text(std::string_view(text, static_cast<std::size_t>(length))); });
}

const char* attribute(const char** attributes, std::string_view name) {
  for (const char** a = attributes; *a != nullptr; a += 2) {
    if (local_name(a[0]) == name) {
      return a[1];
    }
  }
  return nullptr;
}

XmlPump::XmlPump(const ZipArchive& archive, const std::string& entry, XmlHandler& handler)
    : m_archive(archive), m_entry(archive, entry), m_handler(&handler),
      m_parser(XML_ParserCreateNS("UTF-8", k_namespace_separator)) {
  if (m_parser == nullptr) {
    throw std::bad_alloc();
  }
  XML_SetUserData(m_parser, this);
  XML_SetElementHandler(m_parser, on_start, on_end);
  XML_SetCharacterDataHandler(m_parser, on_text);
}

XmlPump::~XmlPump() { XML_ParserFree(m_parser); }

bool XmlPump::pump() {
  if (m_done) {
    return false;
  }
  constexpr std::size_t k_chunk = 1 << 16;
  void* buffer = XML_GetBuffer(m_parser, k_chunk);
  if (buffer == nullptr) {
    m_archive.damaged(fmt::format("{}: out of memory", m_entry.name()));
  }
  const std::size_t n = m_entry.read(static_cast<char*>(buffer), k_chunk);
  const bool last = n == 0;
  const auto status = XML_ParseBuffer(m_parser, static_cast<int>(n), last ? 1 : 0);
  if (m_failure) {
    std::rethrow_exception(m_failure);
  }
  if (status == XML_STATUS_ERROR) {
    m_archive.damaged(fmt::format("{}: line {}: {}", m_entry.name(), XML_GetCurrentLineNumber(m_parser),
                                  XML_ErrorString(XML_GetErrorCode(m_parser))));
  }
  if (last) {
    m_done = true;
  }
  return !m_done;
}

void parse_entry(const ZipArchive& archive, const std::string& entry, XmlHandler& handler) {
  XmlPump pump(archive, entry, handler);
  while (pump.pump()) {
  }
}

} // namespace panier
