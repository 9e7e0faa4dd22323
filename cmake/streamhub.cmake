# Build conventions shared by every folder.

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_C_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

find_package(Threads REQUIRED)

# Applies the project's warning set to a target.
function(streamhub_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(STREAMHUB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# streamhub_library(NAME SOURCES ... [DEPS ...] [PRIVATE_DEPS ...])
# One static library per layer; the repository root is the include root, so
# headers are included as "storage/event_log.hpp".
function(streamhub_library name)
  cmake_parse_arguments(L "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${L_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${L_DEPS} PRIVATE ${L_PRIVATE_DEPS})
  streamhub_warnings(${name})
endfunction()

# streamhub_test(NAME LABEL unit|integration|e2e|reliability SOURCES ... LIBS ...
#                [TIMEOUT seconds])
# One GoogleTest binary; each test case becomes a ctest entry with the label.
include(GoogleTest)
find_package(GTest REQUIRED)
function(streamhub_test name)
  cmake_parse_arguments(T "" "LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main Threads::Threads)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  streamhub_warnings(${name})
  gtest_discover_tests(${name}
    DISCOVERY_MODE PRE_TEST
    DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS ${T_LABEL} TIMEOUT ${T_TIMEOUT})
endfunction()
