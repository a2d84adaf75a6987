# Included by tfo_standalone_finish() after ctest-python.cmake (which sets
# TFO_PYTHON, the project's virtual environment with doc/requirements.txt):
#  * doc-sphinx: the chapter builds standalone with every warning an error;
#  * doc-attributes: doc/attributes.rst is what tcp-fast-open-attributes prints
#    from the TypeIds, and the chapter names every example program.
# The doc's Python snippets run in the python-bindings test
# (python/tests/test_doc_snippets.py).
add_test(NAME doc-sphinx
         COMMAND ${TFO_PYTHON} -m sphinx -W --keep-going -E -q -b html ${CMAKE_SOURCE_DIR}/doc
                 ${CMAKE_BINARY_DIR}/doc-html)
add_test(NAME doc-attributes
         COMMAND ${TFO_PYTHON} ${CMAKE_SOURCE_DIR}/test/doc_test.py
                 $<TARGET_FILE:tcp-fast-open-attributes>)
set_tests_properties(doc-sphinx doc-attributes PROPERTIES LABELS doc TIMEOUT 300)
