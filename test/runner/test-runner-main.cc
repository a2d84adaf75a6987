/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Standalone test runner: ns-3's TestRunner over the module's suites. Inside an
 * ns-3 tree, ns-3's own utils/test-runner.cc plays this part.
 * Flags: --list, --suite=NAME, --verbose, --fullness=QUICK|EXTENSIVE|TAKES_FOREVER,
 * --stop-on-failure.
 */

#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
