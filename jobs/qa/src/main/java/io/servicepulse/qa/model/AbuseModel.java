// SPDX-License-Identifier: GPL-3.0-or-later
package io.servicepulse.qa.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The abuse classifier: logistic regression over {@link FeatureHasher} features, weights quantised
 * to one signed byte each, and one decision threshold per language (zh: the text has a Han char;
 * en: otherwise), chosen by the training command on civil agent text.
 *
 * <p>File format (gzip): magic {@code QAM1}, version (UTF), hash bits, bias, weight step, threshold
 * zh, threshold en, then one byte per bucket (weight = byte × step). Immutable and thread-safe;
 * {@link #score} allocates nothing but one small accumulator.
 */
public final class AbuseModel {
  /** The shipped model, versioned with the lexicon. */
  public static final String RESOURCE = "/qa/model/abuse-model.bin.gz";

  private static final int MAGIC = 0x51414D31; // "QAM1"

  private final String version;
  private final FeatureHasher hasher;
  private final float bias;
  private final float step;
  private final byte[] quantised;
  private final float[] weights;
  private final double thresholdZh;
  private final double thresholdEn;

  private AbuseModel(
      String version,
      int bits,
      float bias,
      float step,
      byte[] quantised,
      double thresholdZh,
      double thresholdEn) {
    this.version = version;
    this.hasher = new FeatureHasher(bits);
    if (quantised.length != hasher.buckets()) {
      throw new IllegalArgumentException(
          "expected " + hasher.buckets() + " weights, got " + quantised.length);
    }
    this.bias = bias;
    this.step = step;
    this.quantised = quantised;
    this.weights = new float[quantised.length];
    for (int i = 0; i < quantised.length; i++) {
      weights[i] = quantised[i] * step;
    }
    this.thresholdZh = thresholdZh;
    this.thresholdEn = thresholdEn;
  }

  /** Quantises trained float weights (step = max |w| / 127). Thresholds NaN until chosen. */
  public static AbuseModel quantise(
      String version,
      int bits,
      float[] weights,
      float bias,
      double thresholdZh,
      double thresholdEn) {
    float max = 0;
    for (float w : weights) {
      max = Math.max(max, Math.abs(w));
    }
    float step = max == 0 ? 1 : max / 127f;
    byte[] q = new byte[weights.length];
    for (int i = 0; i < weights.length; i++) {
      q[i] = (byte) Math.max(-127, Math.min(127, Math.round(weights[i] / step)));
    }
    return new AbuseModel(version, bits, bias, step, q, thresholdZh, thresholdEn);
  }

  /** The same weights with new thresholds. */
  public AbuseModel withThresholds(double zh, double en) {
    return new AbuseModel(version, hasher.bits(), bias, step, quantised, zh, en);
  }

  /** The shipped model from the classpath, or null when the jar has none. */
  public static AbuseModel loadDefault() {
    try (InputStream in = AbuseModel.class.getResourceAsStream(RESOURCE)) {
      return in == null ? null : read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  public static AbuseModel read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
    if (in.readInt() != MAGIC) {
      throw new IOException("not an abuse model (bad magic)");
    }
    String version = in.readUTF();
    int bits = in.readInt();
    float bias = in.readFloat();
    float step = in.readFloat();
    double zh = in.readDouble();
    double en = in.readDouble();
    byte[] q = new byte[1 << bits];
    in.readFully(q);
    return new AbuseModel(version, bits, bias, step, q, zh, en);
  }

  public void write(OutputStream raw) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(raw);
    DataOutputStream out = new DataOutputStream(gz);
    out.writeInt(MAGIC);
    out.writeUTF(version);
    out.writeInt(hasher.bits());
    out.writeFloat(bias);
    out.writeFloat(step);
    out.writeDouble(thresholdZh);
    out.writeDouble(thresholdEn);
    out.write(quantised);
    out.flush();
    gz.finish();
  }

  /** Probability that the compact text is abusive. */
  public double score(CharSequence compact) {
    double z = bias + hasher.weightedSum(compact, weights);
    return 1 / (1 + Math.exp(-z));
  }

  /** The decision threshold for a message with ({@code true}) or without Han characters. */
  public double threshold(boolean chinese) {
    return chinese ? thresholdZh : thresholdEn;
  }

  public String version() {
    return version;
  }

  public FeatureHasher hasher() {
    return hasher;
  }
}
