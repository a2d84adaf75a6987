# Emulation against the Linux kernel (examples/tcp-fast-open-emulation.cc,
# issue 21), included by tfo_standalone_finish(). Each case is one ctest test
# with the label "emulation", run by test/tfo_emulation_test.py; exit status
# 77 = skipped (not root, no /dev/net/tun, no network namespaces), reported by
# ctest as "Skipped".
#
#   ctest --test-dir build -L emulation --output-on-failure
#
# Each run creates its own namespace (tfoemu-<pid>) with a TAP device and
# removes it; the cases still run one at a time (the kernel side is real time).
find_program(TFO_PYTHON3 NAMES python3)
if(TFO_PYTHON3)
  set(tfo_emulation_cases
      client client6 server server6 client-rekey server-rekey flood flood-nocookies flood-tfo errors
      signal
  )
  foreach(case ${tfo_emulation_cases})
    add_test(NAME emulation-${case}
             COMMAND ${TFO_PYTHON3} ${CMAKE_SOURCE_DIR}/test/tfo_emulation_test.py
                     --example $<TARGET_FILE:tcp-fast-open-emulation> ${case}
    )
    set_tests_properties(emulation-${case} PROPERTIES LABELS emulation SKIP_RETURN_CODE 77
                                                      TIMEOUT 180 RUN_SERIAL TRUE
    )
  endforeach()
endif()
