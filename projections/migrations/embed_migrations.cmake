# Generates the C++ source that holds every migration's SQL, so the binary
# carries its schema and looks up no file at run time.
#
#   cmake -DMIGRATIONS_DIR=<dir of NNNN_name.sql files> -DOUTPUT=<file.cpp> -P embed_migrations.cmake
#
# File names give the version (NNNN, applied in ascending order, never
# reused) and the name (lower case, digits, underscores).

cmake_minimum_required(VERSION 3.25)

file(GLOB files "${MIGRATIONS_DIR}/*.sql")
list(SORT files COMPARE NATURAL)
set(delimiter "streamhub_sql")
set(entries "")
set(seen_versions "")
foreach(file IN LISTS files)
  get_filename_component(base "${file}" NAME_WE)
  if(NOT base MATCHES "^([0-9]+)_([a-z0-9_]+)$")
    message(FATAL_ERROR "${file}: migration files are named NNNN_name.sql")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  set(name "${CMAKE_MATCH_2}")
  if(version IN_LIST seen_versions OR version EQUAL 0)
    message(FATAL_ERROR "${file}: version ${version} is zero or used twice")
  endif()
  list(APPEND seen_versions ${version})
  file(READ "${file}" sql)
  string(FIND "${sql}" ")${delimiter}\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file}: contains the raw-string delimiter ${delimiter}")
  endif()
  string(APPEND entries "    {${version}, \"${name}\", R\"${delimiter}(${sql})${delimiter}\"},\n")
endforeach()

set(text "// Generated from projections/migrations/*.sql by embed_migrations.cmake; do not edit.
#include \"projections/pg/migrations.hpp\"

namespace streamhub::projections {
namespace {

constexpr migration all_migrations[] = {
${entries}};

}  // namespace

std::span<const migration> embedded_migrations() noexcept { return all_migrations; }

}  // namespace streamhub::projections
")

# Rewritten only when changed, so an unchanged schema recompiles nothing.
set(previous "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" previous)
endif()
if(NOT previous STREQUAL text)
  file(WRITE "${OUTPUT}" "${text}")
endif()
