import 'reflect-metadata';
import { seededRandom } from '@hub/identity';
import { Topics, connectMessaging, createLogger, loadConfig, physicalName, valueSubject } from '@hub/platform';
import { syntheticLegalEntity } from '@hub/synthetic';

/**
 * Publishes a small justice feed so a person sees data arrive: valid registrations plus one record
 * of each kind the hub must dead-letter (bad check digit, not Avro, unknown schema id).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const count = Number(process.argv[2] ?? 20);
  const clients = await connectMessaging(config, createLogger('warn'), '-demo');
  try {
    const random = seededRandom(Date.now() % 2 ** 31);
    const now = new Date();
    const records = Array.from({ length: count }, () => syntheticLegalEntity(random, now));
    await clients.publisher.publish(Topics.justiceLegalEntities, records.map((r) => ({ key: r.bin, value: r })));

    const topic = physicalName(config.TOPIC_PREFIX, Topics.justiceLegalEntities.name);
    const schemaId = await clients.registry.latestId(valueSubject(topic));
    const badBin = { ...syntheticLegalEntity(random, now) };
    badBin.bin = badBin.bin.slice(0, 11) + ((Number(badBin.bin[11]) + 1) % 10).toString();
    const unknownSchema = Buffer.from(await clients.registry.encode(schemaId, syntheticLegalEntity(random, now)));
    unknownSchema.writeInt32BE(999_999, 1);
    await clients.producer.send({
      topic,
      messages: [
        { key: badBin.bin, value: await clients.registry.encode(schemaId, badBin) },
        { key: 'not-avro', value: Buffer.from('{"bin":"this is JSON, not Avro"}') },
        { key: 'unknown-schema', value: unknownSchema },
      ],
    });

    const port = config.HTTP_PORT;
    process.stdout.write([
      '',
      `Published ${count} registrations and 3 bad records to ${topic}.`,
      'Look at them (the API needs a portal session: TOKEN=$(npm run -s portal:login -- --url http://127.0.0.1:' + port + ' --p12 .local-stack/dev-pki/user-entrepreneur.p12 --password-file .local-stack/dev-pki/password.txt)):',
      ...records.slice(0, 3).map((r) => `  curl -s -H "Authorization: Bearer $TOKEN" localhost:${port}/api/v1/entities/${r.bin}`),
      `  curl -s -H "Authorization: Bearer $TOKEN" localhost:${port}/api/v1/entities/${badBin.bin}     # bad check digit: 400`,
      `  curl -s localhost:${port}/health     # dependencies and the feed consumer (membership, lag, paused partitions)`,
      `  curl -s localhost:${port}/metrics | grep -E '^hub_(records_stored|dead_letters|consumer_lag)'   # counters by topic and reason code`,
      `Dead letters (reason in headers): npm run dlq:show -- ${topic}`,
      '',
    ].join('\n'));
  } finally {
    await clients.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo feed failed: ${String(error)}\n`);
  process.exit(1);
});
