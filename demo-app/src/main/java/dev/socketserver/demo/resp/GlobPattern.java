package dev.socketserver.demo.resp;

/**
 * Glob matching as {@code CONFIG GET} patterns use it: {@code *} for any run of characters, {@code ?} for one.
 */
final class GlobPattern {

	private GlobPattern() {
	}

	static boolean matches(String pattern, String text) {
		int p = 0;
		int t = 0;
		int star = -1;
		int resume = 0;
		while (t < text.length()) {
			if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
				p++;
				t++;
			}
			else if (p < pattern.length() && pattern.charAt(p) == '*') {
				star = p++;
				resume = t;
			}
			else if (star >= 0) {
				p = star + 1;
				t = ++resume;
			}
			else {
				return false;
			}
		}
		while (p < pattern.length() && pattern.charAt(p) == '*') {
			p++;
		}
		return p == pattern.length();
	}

}
