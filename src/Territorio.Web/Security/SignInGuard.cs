using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Territorio.Data.Security;

namespace Territorio.Web.Security;

/// <summary>What a sign-in attempt came to.</summary>
public sealed record SignInOutcome(TerritorioUser? User, TimeSpan? RetryAfter)
{
    public bool Succeeded => User is not null;

    public bool Throttled => RetryAfter is not null;
}

/// <summary>
/// Checks a user name and password for the login page and <c>/api/token</c> alike, with the same
/// work whether the account exists or not (an unknown name is checked against a decoy hash, so
/// the answer's timing does not tell real users apart), and with throttling that slows a guesser
/// without letting a stranger lock a real user out (policy in docs/security.md, "Accesso"):
/// <list type="bullet">
/// <item>one address and one account: after <see cref="SignInThrottle.PairFailures"/> failures, that
/// address waits for that account until the window ends; the account's owner, elsewhere, does not;</item>
/// <item>one address, any accounts: after <see cref="SignInThrottle.AddressFailures"/> failures, that
/// address waits (a guesser spraying many accounts);</item>
/// <item>one account, any addresses: after <see cref="SignInThrottle.AccountFailures"/> failures, every
/// further attempt on it costs a second more (a distributed guesser), but is never refused.</item>
/// </list>
/// Identity's own lockout is off: five wrong passwords from anyone would lock the owner out.
/// </summary>
public sealed class SignInGuard(UserManager<TerritorioUser> users, SignInManager<TerritorioUser> signIn, SignInThrottle throttle)
{
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<TerritorioUser>().HashPassword(new TerritorioUser(), Guid.NewGuid().ToString("N")));

    public async Task<SignInOutcome> CheckAsync(string userName, string password, IPAddress? address, CancellationToken ct)
    {
        string account = userName.Trim().ToUpperInvariant();
        string from = address?.ToString() ?? "sconosciuto";
        if (throttle.WaitBefore(account, from) is { } wait)
        {
            return new SignInOutcome(null, wait);
        }

        if (throttle.SlowDown(account) is { } delay)
        {
            await Task.Delay(delay, ct);
        }

        var user = await users.FindByNameAsync(userName);
        bool ok;
        if (user is null)
        {
            // The same hashing as a real check: the timing says nothing of whether the name exists.
            users.PasswordHasher.VerifyHashedPassword(new TerritorioUser(), DecoyHash.Value, password);
            ok = false;
        }
        else
        {
            ok = (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false)).Succeeded;
        }

        throttle.Record(account, from, ok);
        return new SignInOutcome(ok ? user : null, null);
    }
}

/// <summary>
/// Failure counters per (account, address), per address and per account over a sliding window,
/// in memory (one server; several servers behind a balancer each keep their own: docs/security.md).
/// Bounded: the oldest counters are dropped beyond <see cref="MaxEntries"/>, so a flood of made-up
/// names cannot exhaust memory.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int PairFailures = 5;
    public const int AddressFailures = 20;
    public const int AccountFailures = 10;
    public const int MaxEntries = 100_000;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan AccountDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    /// <summary>How long this address must wait before trying this account again; null when it may try now.</summary>
    public TimeSpan? WaitBefore(string account, string address)
    {
        var now = clock.GetUtcNow();
        return Blocked(Pair(account, address), PairFailures, now) ?? Blocked("a|" + address, AddressFailures, now);
    }

    /// <summary>The extra delay of an attempt on an account many addresses are failing on; never a refusal.</summary>
    public TimeSpan? SlowDown(string account) =>
        _counters.TryGetValue("u|" + account, out var counter) && counter.Count(clock.GetUtcNow()) >= AccountFailures ? AccountDelay : null;

    public void Record(string account, string address, bool succeeded)
    {
        var now = clock.GetUtcNow();
        if (succeeded)
        {
            _counters.TryRemove(Pair(account, address), out _);
            return;
        }

        if (_counters.Count >= MaxEntries)
        {
            Prune(now);
        }

        foreach (string key in new[] { Pair(account, address), "a|" + address, "u|" + account })
        {
            _counters.AddOrUpdate(key, _ => new Counter(now), (_, c) => c.Add(now));
        }
    }

    private static string Pair(string account, string address) => $"p|{account}|{address}";

    private TimeSpan? Blocked(string key, int limit, DateTimeOffset now) =>
        _counters.TryGetValue(key, out var counter) && counter.Count(now) >= limit ? counter.Start + Window - now : null;

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, counter) in _counters)
        {
            if (counter.Count(now) == 0)
            {
                _counters.TryRemove(key, out _);
            }
        }

        // Still full: a flood of distinct names; the oldest go first.
        foreach (var key in _counters.OrderBy(c => c.Value.Start).Take(_counters.Count - (MaxEntries / 2)).Select(c => c.Key).ToList())
        {
            _counters.TryRemove(key, out _);
        }
    }

    /// <summary>Failures since <see cref="Start"/>; a new window starts when the old one has passed.</summary>
    private sealed class Counter(DateTimeOffset start)
    {
        private readonly object _gate = new();
        private int _failures = 1;

        public DateTimeOffset Start { get; private set; } = start;

        public int Count(DateTimeOffset now) => now - Start >= Window ? 0 : Volatile.Read(ref _failures);

        public Counter Add(DateTimeOffset now)
        {
            lock (_gate)
            {
                if (now - Start >= Window)
                {
                    (Start, _failures) = (now, 0);
                }

                _failures++;
            }

            return this;
        }
    }
}
