using Microsoft.AspNetCore.Http;

namespace Territorio.Web.Care;

/// <summary>The erogatore's own pages take the erogatore from the account: a form or link naming another one is not theirs to change.</summary>
public static class ErogatoreForms
{
    public static bool NamesAnother(HttpRequest request, string erogatoreId)
    {
        string? named = request.HasFormContentType && request.Form.TryGetValue("erogatoreId", out var form) ? form.ToString() : request.Query["erogatoreId"].ToString();
        return !string.IsNullOrEmpty(named) && named != erogatoreId;
    }
}
