# Included by tfo_standalone_finish() (cmake/tcp-fast-open-standalone.cmake):
# two pytest runs of python/sweep_tests as ctest tests:
#  * example-arguments: every example's command line (bad values, a few
#    hundred random argument strings, --PrintHelp defaults parse back, RngRun);
#  * sweep: tcp-fast-open-sweep on a LocalCluster, resumed, with a crashing
#    point, and on a separately started Dask scheduler and worker (127.0.0.1);
#    and SEM (skipped without sem and an ns-3 tree with the module).
# The interpreter is the bindings' (test/ctest-python.cmake: the project's venv,
# which has dask, pyarrow, tqdm and scipy from python/requirements.txt).
if(NOT TFO_PYTHON)
  find_program(TFO_PYTHON NAMES python3 python)
endif()

set(tests_dir ${CMAKE_SOURCE_DIR}/python/sweep_tests)
foreach(name example-arguments sweep)
  if(name STREQUAL "sweep")
    # test_sem.py reports skipped without sem and an ns-3 tree with the module.
    set(files ${tests_dir}/test_sweep.py ${tests_dir}/test_sem.py)
  else()
    set(files ${tests_dir}/test_example_arguments.py)
  endif()
  add_test(NAME ${name}
           COMMAND ${TFO_PYTHON} -m pytest -q -p no:cacheprovider ${files}
           WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  )
  set_tests_properties(${name} PROPERTIES
    ENVIRONMENT "TFO_BUILD_DIR=${CMAKE_BINARY_DIR};PYTHONPATH=${CMAKE_SOURCE_DIR}/python;PYTHONDONTWRITEBYTECODE=1"
    LABELS sweep TIMEOUT 1800
  )
endforeach()
