import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwords.js';

describe('the password policy (NIST SP 800-63B)', () => {
  it('wants at least 12 characters, counted as characters not bytes', () => {
    expect(passwordProblem('short pw 11')).toBe('password_too_short');
    expect(passwordProblem('äöüäöüäöüäö')).toBe('password_too_short');
    expect(passwordProblem('äöüäöüäöüäöx')).toBeNull();
  });

  it('accepts long passwords and passphrases without composition rules', () => {
    expect(passwordProblem('the quick brown fox jumps over the lazy dog, twice over')).toBeNull();
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('abc'.repeat(30))).toBeNull();
  });

  it('refuses passwords from the bundled list of common passwords, in any case', () => {
    expect(passwordProblem('123qweasdzxc')).toBe('password_common');
    expect(passwordProblem('QWERTYUIOPAS')).toBe('password_common');
    expect(passwordProblem('password1234')).toBe('password_common');
  });

  it('refuses repetitions and the user’s own email or name', () => {
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toBe('password_common');
    expect(passwordProblem('abababababababab')).toBe('password_common');
    expect(passwordProblem('anna.admin@beispiel.example', { email: 'anna.admin@beispiel.example' })).toBe('password_common');
    expect(passwordProblem('Karl Schlüsselmann', { name: 'Karl Schlüsselmann' })).toBe('password_common');
  });

  it('refuses absurdly long input', () => {
    expect(passwordProblem('x'.repeat(1025))).toBe('password_too_long');
  });
});
