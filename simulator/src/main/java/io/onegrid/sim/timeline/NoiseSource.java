package io.onegrid.sim.timeline;

import java.util.Random;

/**
 * Gaussian noise for one channel of one device. Its generator is seeded from the scenario seed and the
 * channel's name only, so the n-th sample is the same in every run with that seed, however many other
 * channels or devices the scenario has or in which order they tick.
 */
public final class NoiseSource {
    private final Random random;
    private final double sigma;

    public NoiseSource(long scenarioSeed, String deviceId, String channelId, double sigma) {
        this.random = new Random(mix(scenarioSeed, deviceId + "/" + channelId));
        this.sigma = sigma;
    }

    public double next() {
        return sigma * random.nextGaussian();
    }

    static long mix(long seed, String key) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }
}
