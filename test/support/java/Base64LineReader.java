import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.tools.api.RecordReader;

/**
 * A line reader for kafka-console-producer (--line-reader) that takes "base64(key) TAB base64(value)"
 * per line. The console producer's own reader sends each line as UTF-8 text, which mangles the
 * binary Avro body of a Confluent wire-format value; base64 carries the exact bytes. Only the
 * parsing of stdin is ours: batching and compression (compression.type) are the real Java producer's.
 */
public class Base64LineReader implements RecordReader {
  private String topic;

  @Override
  public void configure(Map<String, ?> configs) {
    topic = (String) configs.get("topic");
  }

  @Override
  public Iterator<ProducerRecord<byte[], byte[]>> readRecords(InputStream input) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.US_ASCII));
    return new Iterator<>() {
      private String line = readLine(reader);

      @Override
      public boolean hasNext() {
        return line != null;
      }

      @Override
      public ProducerRecord<byte[], byte[]> next() {
        if (line == null) throw new NoSuchElementException();
        String[] parts = line.split("\t", -1);
        if (parts.length != 2) throw new IllegalArgumentException("expected base64(key)<TAB>base64(value), got: " + line);
        line = readLine(reader);
        Base64.Decoder b64 = Base64.getDecoder();
        return new ProducerRecord<>(topic, b64.decode(parts[0]), b64.decode(parts[1]));
      }
    };
  }

  private static String readLine(BufferedReader reader) {
    try {
      String l;
      do { l = reader.readLine(); } while (l != null && l.isEmpty());
      return l;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
