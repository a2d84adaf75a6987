# Finds the installed ns-3 the module builds against, for the standalone build
# (cmake/tcp-fast-open-standalone.cmake) and bench/CMakeLists.txt.
#
# Any ns-3 from 3.37 on: Debian's libns3-dev (3.37), an installed release
# (./ns3 install, 3.37 ... 3.48), or the PyPI wheel ns3==3.44.post0 (point
# CMake at it with -Dns3_DIR=<site-packages>/ns3/lib64/cmake/ns3, which
# scripts/build.sh --ns3 wheel does). Sets:
#   ns3_VERSION                the version found ("3.44")
#   TFO_NS3_VERSION_NUMBER     the same as one number (344) for the guards of
#                              model/tcp-fast-open-ns3-compat.h
#   CMAKE_CXX_STANDARD         the standard that ns-3 version needs
# and defines tfo_ns3_targets(<modules...>), which sets lib<module> to the
# imported target of each ns-3 module, whatever its name in that version.

set(TFO_NS3_MINIMUM_VERSION 3.37)
set(TFO_NS3_NEWEST_TESTED 3.48)

# No version in find_package: ns-3's package version file uses the ExactVersion
# strategy, so "find_package(ns3 3.37)" accepts 3.37 only and, with a second ns-3
# installed, silently takes whichever is 3.37. The version check is ours.
find_package(ns3 CONFIG)
if(NOT ns3_FOUND)
  message(FATAL_ERROR
    "tcp-fast-open: no ns-3 found. Install Debian's (bash scripts/setup.sh), "
    "or name an installed one with -Dns3_DIR=<prefix>/lib/cmake/ns3 (a release "
    "installed with ./ns3 install) or <site-packages>/ns3/lib64/cmake/ns3 (pip "
    "install ns3; scripts/build.sh --ns3 wheel does this)."
  )
endif()
if(NOT ns3_VERSION OR ns3_VERSION VERSION_LESS TFO_NS3_MINIMUM_VERSION)
  message(FATAL_ERROR
    "tcp-fast-open needs ns-3 ${TFO_NS3_MINIMUM_VERSION} or newer; found ns-3 "
    "'${ns3_VERSION}' in ${ns3_DIR}. Point -Dns3_DIR at a newer one."
  )
endif()
message(STATUS "tcp-fast-open: building against ns-3 ${ns3_VERSION} (${ns3_DIR})")
if(ns3_VERSION VERSION_GREATER TFO_NS3_NEWEST_TESTED)
  message(WARNING
    "tcp-fast-open: ns-3 ${ns3_VERSION} is newer than the newest version it was "
    "tested with (${TFO_NS3_NEWEST_TESTED})."
  )
endif()

if(ns3_VERSION MATCHES "^([0-9]+)[.]([0-9]+)")
  math(EXPR TFO_NS3_VERSION_NUMBER "${CMAKE_MATCH_1} * 100 + ${CMAKE_MATCH_2}")
endif()

# The C++ standard ns-3's headers need: C++17 up to 3.40, C++20 from 3.41,
# C++23 from 3.46.
if(ns3_VERSION VERSION_GREATER_EQUAL 3.46)
  set(CMAKE_CXX_STANDARD 23)
elseif(ns3_VERSION VERSION_GREATER_EQUAL 3.41)
  set(CMAKE_CXX_STANDARD 20)
else()
  set(CMAKE_CXX_STANDARD 17)
endif()
set(CMAKE_CXX_STANDARD_REQUIRED ON)

# The wheel's targets list include directories and libraries of the machine it
# was built on (/usr/lib64/libgsl.so, ...; the wheel's own libraries carry the
# copies they need), and its include/ directory bundles Boost 1.66 next to ns3/:
# that Boost would shadow the system's (its multi_index does not compile as
# C++20). So every imported ns-3 target keeps only the include directories and
# library files that exist here, and an include directory that holds boost/
# besides ns3/ is replaced by a directory of the build tree that holds only a
# link to its ns3/.
get_directory_property(tfo_imported IMPORTED_TARGETS)
foreach(target ${tfo_imported})
  if(NOT target MATCHES "^ns3::")
    continue()
  endif()
  get_target_property(libs ${target} INTERFACE_LINK_LIBRARIES)
  if(libs)
    set(kept "")
    foreach(lib ${libs})
      if(IS_ABSOLUTE "${lib}" AND NOT EXISTS "${lib}")
        continue()
      endif()
      list(APPEND kept "${lib}")
    endforeach()
    set_target_properties(${target} PROPERTIES INTERFACE_LINK_LIBRARIES "${kept}")
  endif()
  get_target_property(dirs ${target} INTERFACE_INCLUDE_DIRECTORIES)
  if(NOT dirs)
    continue()
  endif()
  set(kept "")
  foreach(dir ${dirs})
    if(NOT IS_DIRECTORY "${dir}")
      continue()
    endif()
    if(IS_DIRECTORY "${dir}/boost" AND IS_DIRECTORY "${dir}/ns3")
      set(shadow ${CMAKE_BINARY_DIR}/ns3-include)
      if(NOT EXISTS ${shadow}/ns3)
        file(MAKE_DIRECTORY ${shadow})
        file(CREATE_LINK "${dir}/ns3" ${shadow}/ns3 SYMBOLIC)
      endif()
      set(dir ${shadow})
    endif()
    list(APPEND kept "${dir}")
  endforeach()
  list(REMOVE_DUPLICATES kept)
  set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${kept}")
endforeach()

# tfo_ns3_targets(core network ...): lib<module> = the imported target of each
# module. ns-3 up to 3.42 names them ns3::lib<module>, from 3.43 ns3::<module>.
function(tfo_ns3_targets)
  foreach(module ${ARGN})
    if(TARGET ns3::lib${module})
      set(lib${module} ns3::lib${module} PARENT_SCOPE)
    elseif(TARGET ns3::${module})
      set(lib${module} ns3::${module} PARENT_SCOPE)
    else()
      message(FATAL_ERROR
        "tcp-fast-open: ns-3 ${ns3_VERSION} in ${ns3_DIR} has no module '${module}' "
        "(neither ns3::lib${module} nor ns3::${module}): it must be built with it."
      )
    endif()
  endforeach()
endfunction()
