import { Kafka, KafkaMessage } from 'kafkajs';
import { DLQ_HEADERS, deadLetterName } from '@hub/platform';
import { header, readTopic } from './index';

/**
 * Reads as many dead letters as `expected` names and checks each one: the reason code expected
 * for its exact bytes (hex), the source topic, an offset and a readable reason.
 */
export async function expectDeadLetterCodes(kafka: Kafka, sourceTopic: string, expected: ReadonlyMap<string, string>): Promise<KafkaMessage[]> {
  const letters = await readTopic(kafka, deadLetterName(sourceTopic), expected.size);
  expect(letters).toHaveLength(expected.size);
  for (const letter of letters) {
    expect(header(letter, DLQ_HEADERS.code)).toBe(expected.get((letter.value as Buffer).toString('hex')));
    expect(header(letter, DLQ_HEADERS.topic)).toBe(sourceTopic);
    expect(header(letter, DLQ_HEADERS.offset)).toMatch(/^\d+$/);
    expect((header(letter, DLQ_HEADERS.reason) ?? '').length).toBeGreaterThan(5);
  }
  return letters;
}
