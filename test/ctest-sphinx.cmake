# Included by tfo_standalone_finish() after ctest-python.cmake (which sets
# TFO_PYTHON, the project's virtual environment with doc/requirements.txt):
#  * doc-sphinx: the chapter builds standalone with every warning an error;
#  * doc-attributes: doc/attributes.rst is what tcp-fast-open-attributes prints
#    from the TypeIds, and the chapter names every example program.
# The doc's Python snippets run in the python-bindings test
# (python/tests/test_doc_snippets.py).
# Both run against Debian's ns-3.37, the ns-3 doc/attributes.rst is generated
# from (other versions print some defaults differently, e.g. an empty Address
# as "" instead of 00-00-00), with the project's venv, which has Sphinx.
if(NOT TFO_NS3_VERSION_NUMBER EQUAL 337)
  message(STATUS "tcp-fast-open: doc-sphinx and doc-attributes run only against ns-3.37 "
                 "(the doc is generated from it; this is ${TFO_NS3_VERSION_NUMBER})")
else()
  add_test(NAME doc-sphinx
           COMMAND ${TFO_PYTHON} -m sphinx -W --keep-going -E -q -b html ${CMAKE_SOURCE_DIR}/doc
                   ${CMAKE_BINARY_DIR}/doc-html)
  add_test(NAME doc-attributes
           COMMAND ${TFO_PYTHON} ${CMAKE_SOURCE_DIR}/test/doc_test.py
                   $<TARGET_FILE:tcp-fast-open-attributes>)
  set_tests_properties(doc-sphinx doc-attributes PROPERTIES LABELS doc TIMEOUT 300)
endif()
