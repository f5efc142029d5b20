import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { registerCompressionCodecs } from './compression-codecs';

type Codec = { compress(e: { buffer: Buffer }): Promise<Buffer>; decompress(b: Buffer): Promise<Buffer> };
const codec = (type: CompressionTypes): Codec => (CompressionCodecs as unknown as Record<number, () => Codec>)[type]();

describe('compression codecs', () => {
  beforeAll(() => registerCompressionCodecs());
  const text = Buffer.from('feed record '.repeat(200));

  it.each([CompressionTypes.GZIP, CompressionTypes.Snappy, CompressionTypes.LZ4])('codec %s round-trips', async (type) => {
    const c = codec(type);
    const packed = await c.compress({ buffer: text });
    expect(packed.length).toBeLessThan(text.length);
    expect((await c.decompress(packed)).equals(text)).toBe(true);
  });

  it('Snappy reads the xerial framing the Java client writes', async () => {
    const c = codec(CompressionTypes.Snappy);
    const block = await c.compress({ buffer: text });
    const header = Buffer.from([130, 83, 78, 65, 80, 80, 89, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(block.length);
    expect((await c.decompress(Buffer.concat([header, size, block]))).equals(text)).toBe(true);
  });

  it('LZ4 reads a frame written by the reference lz4 tool', async () => {
    // `echo -n "hello hub lz4 hello hub lz4 hello" | lz4 -c` (lz4 1.9)
    const frame = Buffer.from('04224d186440a717000000ea68656c6c6f20687562206c7a34200e005068656c6c6f00000000ba5964c1', 'hex');
    expect((await codec(CompressionTypes.LZ4).decompress(frame)).toString()).toBe('hello hub lz4 hello hub lz4 hello');
  });

  it('ZSTD reads a frame written by the reference zstd tool and refuses to produce', async () => {
    // `echo -n "hello hub zstd hello hub zstd" | zstd -c` (zstd 1.5)
    const frame = Buffer.from('28b52ffd0458ad00007868656c6c6f20687562207a73746420010022cf3aec6994fb', 'hex');
    expect((await codec(CompressionTypes.ZSTD).decompress(frame)).toString()).toBe('hello hub zstd hello hub zstd');
    await expect(codec(CompressionTypes.ZSTD).compress({ buffer: text })).rejects.toMatchObject({ code: 'CODEC_NOT_SUPPORTED' });
  });
});
