# Builds the fuzzer (this folder's CMake project, with clang) and runs it for
# SECONDS from the committed seeds; any finding (crash, sanitizer report,
# leak, timeout, out of memory) fails. The inputs it discovers go to a
# scratch corpus under BINARY_DIR, never into the seeds; a finding is saved
# as BINARY_DIR/artifacts/crash-... to reproduce with
#   BINARY_DIR/graphql_parse_validate_fuzzer BINARY_DIR/artifacts/crash-...
#
#   cmake -DSOURCE_DIR=... -DBINARY_DIR=... -DCXX=clang++ [-DGENERATOR=Ninja]
#         [-DSECONDS=60] -P run_fuzzer.cmake
foreach(var SOURCE_DIR BINARY_DIR CXX)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_fuzzer.cmake needs -D${var}=...")
  endif()
endforeach()
if(NOT DEFINED SECONDS)
  set(SECONDS 60)
endif()
set(generator_args)
if(GENERATOR)
  set(generator_args -G "${GENERATOR}")
endif()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}")
  endif()
endfunction()

run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${BINARY_DIR} ${generator_args}
    -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=)
run(${CMAKE_COMMAND} --build ${BINARY_DIR})

file(REMOVE_RECURSE ${BINARY_DIR}/corpus ${BINARY_DIR}/artifacts)
file(MAKE_DIRECTORY ${BINARY_DIR}/corpus ${BINARY_DIR}/artifacts)
run(${BINARY_DIR}/graphql_parse_validate_fuzzer
    -max_total_time=${SECONDS} -max_len=4096 -timeout=10 -rss_limit_mb=2048
    -print_final_stats=1
    -dict=${SOURCE_DIR}/graphql.dict
    -artifact_prefix=${BINARY_DIR}/artifacts/
    ${BINARY_DIR}/corpus ${SOURCE_DIR}/seeds)
