//===- CRC32.cpp - The CRC-32 of zip entries, fast ------------------------===//
//
// The folding follows Intel's "Fast CRC Computation for Generic Polynomials
// Using PCLMULQDQ Instruction" (Gopal et al., 2009) for the bit-reflected
// polynomial 0x04C11DB7: four 128-bit lanes folded 64 bytes at a time, then
// into one lane, then to 64 and 32 bits by Barrett reduction. The constants
// are x^k mod P for the fold distances (bit-reflected, shifted), P' and mu.
// mode-archive-test crc-check compares it with llvm::crc32.
//
//===----------------------------------------------------------------------===//

#include "CRC32.h"

#include "llvm/Support/CRC.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MODE_CRC32_PCLMUL 1
#include <immintrin.h>
#endif

using namespace llvm;

namespace mode::pt2 {

#ifdef MODE_CRC32_PCLMUL
#define MODE_PCLMUL_TARGET __attribute__((target("pclmul,sse4.1")))

namespace {
MODE_PCLMUL_TARGET inline __m128i load(const uint8_t *p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
}

/// `x` carried 128 bits further (by the constants `k`), plus `next`.
MODE_PCLMUL_TARGET inline __m128i fold(__m128i x, __m128i k, __m128i next) {
  return _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(x, k, 0x11),
                                     _mm_clmulepi64_si128(x, k, 0x00)),
                       next);
}

/// The CRC register (not inverted) after `size` bytes, a multiple of 16 and
/// at least 64, from `state`.
MODE_PCLMUL_TARGET uint32_t foldBlocks(uint32_t state, const uint8_t *p,
                                       size_t size) {
  // x^(4*128+32) and x^(4*128-32) mod P: four lanes on.
  const __m128i k1k2 = _mm_set_epi64x(0x1c6e41596, 0x154442bd4);
  // x^(128+32) and x^(128-32) mod P: one lane on.
  const __m128i k3k4 = _mm_set_epi64x(0x0ccaa009e, 0x1751997d0);
  // x^64 mod P: 96 bits to 64.
  const __m128i k5 = _mm_set_epi64x(0, 0x163cd6124);
  // P' and mu = x^64 / P, for the Barrett reduction.
  const __m128i barrett = _mm_set_epi64x(0x1f7011641, 0x1db710641);

  __m128i x1 = _mm_xor_si128(load(p), _mm_cvtsi32_si128(state));
  __m128i x2 = load(p + 16), x3 = load(p + 32), x4 = load(p + 48);
  for (p += 64, size -= 64; size >= 64; p += 64, size -= 64) {
    x1 = fold(x1, k1k2, load(p));
    x2 = fold(x2, k1k2, load(p + 16));
    x3 = fold(x3, k1k2, load(p + 32));
    x4 = fold(x4, k1k2, load(p + 48));
  }
  x1 = fold(fold(fold(x1, k3k4, x2), k3k4, x3), k3k4, x4);
  for (; size >= 16; p += 16, size -= 16)
    x1 = fold(x1, k3k4, load(p));

  // 128 bits to 64, then Barrett reduction to 32.
  const __m128i low32 = _mm_setr_epi32(~0, 0, ~0, 0);
  x1 = _mm_xor_si128(_mm_srli_si128(x1, 8),
                     _mm_clmulepi64_si128(x1, k3k4, 0x10));
  x1 = _mm_xor_si128(_mm_clmulepi64_si128(_mm_and_si128(x1, low32), k5, 0x00),
                     _mm_srli_si128(x1, 4));
  __m128i t = _mm_and_si128(
      _mm_clmulepi64_si128(_mm_and_si128(x1, low32), barrett, 0x10), low32);
  x1 = _mm_xor_si128(x1, _mm_clmulepi64_si128(t, barrett, 0x00));
  return _mm_extract_epi32(x1, 1);
}

bool hasPCLMUL() {
  static const bool has =
      __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
  return has;
}
} // namespace
#endif

bool crc32IsAccelerated() {
#ifdef MODE_CRC32_PCLMUL
  return hasPCLMUL();
#else
  return false;
#endif
}

uint32_t crc32(uint32_t crc, ArrayRef<uint8_t> data) {
#ifdef MODE_CRC32_PCLMUL
  if (data.size() >= 64 && hasPCLMUL()) {
    size_t blocks = data.size() & ~size_t(15);
    crc = ~foldBlocks(~crc, data.data(), blocks);
    data = data.drop_front(blocks);
  }
#endif
  return llvm::crc32(crc, data);
}

} // namespace mode::pt2
