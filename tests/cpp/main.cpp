// The one translation unit that holds Catch2's runner; kept apart so the slow header is
// compiled once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
