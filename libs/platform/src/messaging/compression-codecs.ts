import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { decompress as zstdDecompress } from 'fzstd';
import { compressFrame as lz4CompressFrame, decompressFrame as lz4DecompressFrame } from 'lz4-napi';
// kafkajs-snappy ships no types: a codec factory as kafkajs expects it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SnappyCodec = require('kafkajs-snappy') as () => KafkaCodec;

interface KafkaCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

/** Thrown when the hub is asked to produce with a codec it can only read. */
export class CodecNotSupported extends Error {
  readonly code = 'CODEC_NOT_SUPPORTED';
}

/**
 * kafkajs decodes only gzip by itself; a producer in Java, Go or librdkafka that compresses with
 * Snappy, LZ4 or ZSTD otherwise stops the consumer ("LZ4 compression not implemented"). The codec
 * packages chosen need no native build and download nothing at install:
 * - Snappy: `kafkajs-snappy`, the kafkajs authors' codec on the pure-JS `snappyjs`; it reads the
 *   xerial framing the Java client writes as well as raw blocks.
 * - LZ4: `lz4-napi` (lz4_flex); its prebuilt binary is an npm package per platform (optional
 *   dependency), no node-gyp. Kafka's LZ4 is the standard LZ4 frame format.
 * - ZSTD: `fzstd`, a pure-JS decompressor (no native addon; the Node 20 zlib has no zstd). It only
 *   decompresses: the hub never produces ZSTD, so compress refuses loudly instead of sending gzip.
 */
const CODECS: Array<[CompressionTypes, () => KafkaCodec]> = [
  [CompressionTypes.Snappy, SnappyCodec],
  [CompressionTypes.LZ4, () => ({
    compress: (encoder) => lz4CompressFrame(encoder.buffer),
    decompress: (buffer) => lz4DecompressFrame(buffer),
  })],
  [CompressionTypes.ZSTD, () => ({
    compress: () => Promise.reject(new CodecNotSupported('the hub reads ZSTD but does not produce it; use gzip, snappy or lz4')),
    decompress: async (buffer) => {
      const out = zstdDecompress(buffer);
      return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    },
  })],
];

/** Registers the codecs once per process (kafkajs keeps them in a module-level table). */
export function registerCompressionCodecs(): void {
  const table = CompressionCodecs as unknown as Record<number, () => KafkaCodec>;
  for (const [type, codec] of CODECS) table[type] = codec;
}
