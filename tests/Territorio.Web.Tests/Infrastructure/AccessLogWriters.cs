using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Territorio.Data;
using Territorio.Testing;
using Territorio.Web.Security;

namespace Territorio.Web.Tests.Infrastructure;

/// <summary>An access-log writer over a test database, outside the web application.</summary>
public static class AccessLogWriters
{
    public static AccessLogWriter Over(TestDatabase database) =>
        new(new ServiceCollection().AddScoped(_ => database.CreateContext()).BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            NullLogger<AccessLogWriter>.Instance);
}
