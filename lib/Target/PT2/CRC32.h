//===- CRC32.h - The CRC-32 of zip entries, fast ----------------*- C++ -*-===//
//
// llvm::crc32 (zlib's) runs at about 1.5 to 3 GB/s here: checking the CRC of
// a gigabyte of weights took longer than `cp` takes to copy it. On x86-64
// processors with PCLMULQDQ (every one since 2010) this folds 64 bytes at a
// time with carry-less multiplications, at about 9 GB/s; elsewhere it is
// llvm::crc32.
//
//===----------------------------------------------------------------------===//

#ifndef MODE_LIB_TARGET_PT2_CRC32_H
#define MODE_LIB_TARGET_PT2_CRC32_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>

namespace mode::pt2 {

/// The CRC-32 (ISO-HDLC, as zip and llvm::crc32) of `data` continuing from
/// `crc`: crc32(crc32(0, a), b) is the CRC of a followed by b.
uint32_t crc32(uint32_t crc, llvm::ArrayRef<uint8_t> data);

/// Whether crc32 folds with PCLMULQDQ on this processor.
bool crc32IsAccelerated();

} // namespace mode::pt2

#endif // MODE_LIB_TARGET_PT2_CRC32_H
