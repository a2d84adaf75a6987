# Validation against Linux and Wireshark (validation/tfo_validate.py), included by
# tfo_standalone_finish(). Each check is one ctest test with the label
# "validation"; exit status 77 = skipped (no network namespaces, no tshark, or the
# example lacks an option the case needs), reported by ctest as "Skipped".
#
#   ctest --test-dir build -L validation --output-on-failure
#
# The kernel cases need root (two network namespaces joined by a veth pair) and
# tshark, nstat (iproute2) and, for case c, nft (nftables).
find_program(TFO_PYTHON3 NAMES python3)
if(TFO_PYTHON3)
  set(tfo_validate
      ${TFO_PYTHON3} ${CMAKE_SOURCE_DIR}/validation/tfo_validate.py
      --example $<TARGET_FILE:tcp-fast-open-example>
      --cookie-tool $<TARGET_FILE:tcp-fast-open-cookie>
  )
  foreach(case a a6 ac b c s sa)
    add_test(NAME validation-kernel-${case} COMMAND ${tfo_validate} kernel ${case})
  endforeach()
  add_test(NAME validation-cookie COMMAND ${tfo_validate} cookie)
  add_test(NAME validation-wireshark COMMAND ${tfo_validate} wireshark)
  set_tests_properties(
    validation-kernel-a validation-kernel-a6 validation-kernel-ac validation-kernel-b validation-kernel-c
    validation-kernel-s validation-kernel-sa
    validation-cookie validation-wireshark
    PROPERTIES LABELS validation SKIP_RETURN_CODE 77 TIMEOUT 180
  )
  # Namespaces and captures: one at a time (they are also named per process).
  set_tests_properties(
    validation-kernel-a validation-kernel-a6 validation-kernel-ac validation-kernel-b validation-kernel-c
    validation-kernel-s validation-kernel-sa
    validation-cookie
    PROPERTIES RUN_SERIAL TRUE
  )
endif()
