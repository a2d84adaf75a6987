# Included by tfo_standalone_finish() (cmake/tcp-fast-open-standalone.cmake):
# two pytest runs of python/sweep_tests as ctest tests:
#  * example-arguments: every example's command line (bad values, a few
#    hundred random argument strings, --PrintHelp defaults parse back, RngRun);
#  * sweep: tcp-fast-open-sweep on a LocalCluster, resumed, with a crashing
#    point, and on a separately started Dask scheduler and worker (127.0.0.1);
#  * sem-campaign: doc/sweeps.rst's SEM campaign in the ns-3 source tree named
#    by TFO_NS3_TREE (at configure time or in ctest's environment); reported
#    by ctest as skipped, with pytest's reason, without one.
#    scripts/ns3-in-tree.sh runs it in its own tree.
# The interpreter is the bindings' (test/ctest-python.cmake: the project's venv,
# which has dask, pyarrow, tqdm and scipy from python/requirements.txt).
if(NOT TFO_PYTHON)
  find_program(TFO_PYTHON NAMES python3 python)
endif()

set(tests_dir ${CMAKE_SOURCE_DIR}/python/sweep_tests)
set(TFO_NS3_TREE "$ENV{TFO_NS3_TREE}" CACHE PATH
    "ns-3 source tree with the module built in it, for the sem-campaign test (empty: skipped)")
foreach(name example-arguments sweep sem-campaign)
  set(env "TFO_BUILD_DIR=${CMAKE_BINARY_DIR};PYTHONPATH=${CMAKE_SOURCE_DIR}/python;PYTHONDONTWRITEBYTECODE=1")
  if(name STREQUAL "sweep")
    set(files ${tests_dir}/test_sweep.py)
  elseif(name STREQUAL "sem-campaign")
    set(files ${tests_dir}/test_sem.py)
    if(TFO_NS3_TREE)
      string(APPEND env ";TFO_NS3_TREE=${TFO_NS3_TREE}")
    endif()
  else()
    set(files ${tests_dir}/test_example_arguments.py)
  endif()
  add_test(NAME ${name}
           COMMAND ${TFO_PYTHON} -m pytest -q -rs -p no:cacheprovider ${files}
           WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  )
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${env}" LABELS sweep TIMEOUT 1800)
endforeach()
# pytest's "SKIPPED [1] ...: no ns-3 tree given" (exit status 0): a skip, not a pass.
set_tests_properties(sem-campaign PROPERTIES SKIP_REGULAR_EXPRESSION "SKIPPED \\[[0-9]+\\]")
