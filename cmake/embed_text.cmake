# Generates a C++ source whose function returns a text file's contents, so a
# binary carries the file and looks up nothing at run time.
#
#   cmake -DINPUT=<file> -DOUTPUT=<file.cpp> -DHEADER=<include path>
#         -DNAMESPACE=<ns> -DFUNCTION=<name> -P embed_text.cmake

cmake_minimum_required(VERSION 3.25)

file(READ "${INPUT}" text)
set(delimiter "streamhub_text")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT}: contains the raw-string delimiter ${delimiter}")
endif()
file(WRITE "${OUTPUT}.tmp" "// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.
#include \"${HEADER}\"

namespace ${NAMESPACE} {

std::string_view ${FUNCTION}() noexcept {
  return R\"${delimiter}(${text})${delimiter}\";
}

}  // namespace ${NAMESPACE}
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
