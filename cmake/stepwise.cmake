# Warnings, sanitizers and the helpers that register libraries, tests, fuzzers and benchmarks.

add_library(stepwise_warnings INTERFACE)
target_compile_options(stepwise_warnings INTERFACE -Wall -Wextra -Wshadow -Werror)

add_library(stepwise_options INTERFACE)
target_link_libraries(stepwise_options INTERFACE stepwise_warnings)
target_include_directories(stepwise_options INTERFACE ${PROJECT_SOURCE_DIR}/src)
if(STEPWISE_SANITIZE)
  target_compile_options(stepwise_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
  target_link_options(stepwise_options INTERFACE -fsanitize=address,undefined)
endif()
if(STEPWISE_TSAN)
  # Boost.Asio uses standalone fences, which TSan does not model; GCC warns about each.
  target_compile_options(stepwise_options INTERFACE -fsanitize=thread
                         $<$<CXX_COMPILER_ID:GNU>:-Wno-tsan>)
  target_link_options(stepwise_options INTERFACE -fsanitize=thread)
endif()
if(STEPWISE_LIBFUZZER)
  target_compile_options(stepwise_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined)
  target_link_options(stepwise_options INTERFACE -fsanitize=address,undefined)
endif()

# stepwise_library(NAME SOURCES... DEPS ...): one static library per component.
function(stepwise_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC stepwise_options ${ARG_DEPS})
endfunction()

# stepwise_test(NAME SOURCES... DEPS ...): a GoogleTest binary, registered with CTest.
function(stepwise_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE stepwise_options ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  include(GoogleTest)
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST
                       PROPERTIES ENVIRONMENT "STEPWISE_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
endfunction()

# stepwise_fuzzer(NAME SOURCE DEPS ...): a fuzz target. In the normal build it links a plain
# driver that runs every file of its seed corpus (so targets never rot, and CTest runs them); with
# STEPWISE_LIBFUZZER it links libFuzzer instead.
function(stepwise_fuzzer name)
  cmake_parse_arguments(ARG "" "SOURCE" "DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCE})
  target_link_libraries(${name} PRIVATE stepwise_options ${ARG_DEPS})
  if(STEPWISE_LIBFUZZER)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  else()
    target_link_libraries(${name} PRIVATE stepwise_fuzz_driver)
    add_test(NAME ${name}_corpus
             COMMAND ${name} ${PROJECT_SOURCE_DIR}/fuzz/corpus/${name})
  endif()
endfunction()

# stepwise_benchmark(NAME SOURCES... DEPS ...): a Google Benchmark binary (not run by `make test`).
function(stepwise_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE stepwise_options ${ARG_DEPS} benchmark::benchmark)
endfunction()
