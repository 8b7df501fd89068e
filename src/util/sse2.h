// Whether the SIMD fast paths use SSE2 (every x86-64), and its intrinsics.
#pragma once

// ATTUNE_SSE2 is 1 where the compiler targets SSE2, unless ATTUNE_NO_SSE2 is defined (a test
// build does so to run the plain loops); the fast paths fall back to those loops when it is 0.
#if defined(__SSE2__) && !defined(ATTUNE_NO_SSE2)
#include <emmintrin.h>
#define ATTUNE_SSE2 1
#else
#define ATTUNE_SSE2 0
#endif
