# Included by tfo_standalone_finish() (cmake/tcp-fast-open-standalone.cmake):
# registers the Python bindings' pytest run (python/tests) as one ctest test.
#
# The interpreter: -DTFO_PYTHON=..., else $TFO_PYTHON, else the virtual
# environment scripts/setup.sh makes (${XDG_CACHE_HOME:-~/.cache}/tcp-fast-open/venv),
# else python3 from PATH. It needs cppyy and pytest (python/requirements.txt);
# without them the test fails with the command to run.
if(NOT TFO_PYTHON)
  if(DEFINED ENV{TFO_PYTHON} AND NOT "$ENV{TFO_PYTHON}" STREQUAL "")
    set(tfo_python_default "$ENV{TFO_PYTHON}")
  else()
    if(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
      set(tfo_venv "$ENV{XDG_CACHE_HOME}/tcp-fast-open/venv")
    else()
      set(tfo_venv "$ENV{HOME}/.cache/tcp-fast-open/venv")
    endif()
    if(EXISTS "${tfo_venv}/bin/python3")
      set(tfo_python_default "${tfo_venv}/bin/python3")
    else()
      find_program(tfo_python_default NAMES python3 python)
    endif()
  endif()
  set(TFO_PYTHON "${tfo_python_default}" CACHE FILEPATH "Python for the bindings' tests")
endif()

add_test(NAME python-bindings
         COMMAND ${TFO_PYTHON} -m pytest -q -p no:cacheprovider ${CMAKE_SOURCE_DIR}/python/tests
         WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
)
set_tests_properties(python-bindings PROPERTIES
  ENVIRONMENT "TFO_BUILD_DIR=${CMAKE_BINARY_DIR};PYTHONPATH=${CMAKE_SOURCE_DIR}/python;PYTHONDONTWRITEBYTECODE=1"
  LABELS python TIMEOUT 1200
)
