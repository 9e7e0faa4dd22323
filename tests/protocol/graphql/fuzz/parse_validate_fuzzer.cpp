// libFuzzer target: any bytes through parse_executable and, when they parse,
// validate against the fixture schema (fixtures/star_wars.graphql). ASan and
// UBSan turn memory and undefined-behaviour errors into findings; the
// printer's contract (parse(print(t)) prints as print(t)) is checked too,
// because a tree the parser accepted but the printer garbles is a parser or
// printer bug that no crash would reveal.
//
// Built by this folder's own CMake project with clang (see run_fuzzer.cmake).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>

#include "protocol/graphql/parser.hpp"
#include "protocol/graphql/printer.hpp"
#include "protocol/graphql/schema_builder.hpp"
#include "protocol/graphql/validation/validate.hpp"

namespace {

using namespace streamhub::graphql;

std::shared_ptr<const schema> load_schema() {
  std::ifstream in(STREAMHUB_FUZZ_SCHEMA, std::ios::binary);
  std::ostringstream sdl;
  sdl << in.rdbuf();
  auto built = build_schema(sdl.str());
  if (!built.has_value()) {
    std::fprintf(stderr, "cannot build the fuzzing schema from %s\n", STREAMHUB_FUZZ_SCHEMA);
    std::abort();
  }
  return built.value();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::shared_ptr<const schema> fixture_schema = load_schema();

  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = parse_executable(text);
  if (!doc.has_value()) return 0;
  (void)validate(*fixture_schema, *doc.value());

  // Printing indents nested selections, so the printed text may exceed the
  // byte limit the original met; nothing else about it should.
  const std::string printed = print(*doc.value());
  auto reparsed = parse_executable(printed, parse_limits{.max_bytes = std::size_t{1} << 30});
  if (!reparsed.has_value() || print(*reparsed.value()) != printed) {
    std::fprintf(stderr, "printed document does not reprint identically:\n%s\n", printed.c_str());
    std::abort();
  }
  return 0;
}
