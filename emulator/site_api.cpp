#include "emulator/site_api.h"

#include "emulator/api_context.h"
#include "emulator/faults.h"
#include "emulator/guid.h"
#include "emulator/gzip.h"
#include "emulator/seed_data.h"
#include "emulator/sp_error.h"
#include "emulator/users.h"

#include <cpprest/json.h>

#include <thread>

namespace deskpane::emu {

Services::Services(SiteConfig c)
    : config(std::move(c)),
      store(config.dataPath, config.sitePath),
      tokens(config.tokenLifetime),
      siteGuid(guidFromName("site" + config.sitePath)),
      webGuid(guidFromName("web" + config.sitePath)) {}

struct SiteApi::Impl {
  Services svc;
  FaultInjector faults;

  explicit Impl(SiteConfig config) : svc(std::move(config)), faults(parseFaultSpec(svc.config.faults)) {}

  Outcome serve(const Request& req);
  Response serveSite(const Request& req, std::string& route);
  Response dispatchApi(const Request& req, std::string& route, bool checkDigest);
  std::optional<Response> checkAuth(const Request& req, Flavour f, bool& bearer) const;
};

SiteApi::SiteApi(SiteConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {
  seedStore(impl_->svc.store, impl_->svc.config.seed);
}

SiteApi::~SiteApi() = default;

Outcome SiteApi::serve(const Request& request) { return impl_->serve(request); }

namespace {

bool startsWithI(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && iequals(std::string_view(s).substr(0, prefix.size()), prefix);
}

// "/{tenant}/oauth2/v2.0/devicecode" -> "devicecode"
std::optional<std::string> oauthEndpoint(const std::string& path) {
  const auto pos = toLower(path).find("/oauth2/v2.0/");
  if (pos == std::string::npos || pos == 0) return std::nullopt;
  return toLower(path.substr(pos + 13));
}

}  // namespace

std::optional<Response> SiteApi::Impl::checkAuth(const Request& req, Flavour f, bool& bearer) const {
  const auto& authz = req.header("authorization");
  const bool hasBearer = startsWithI(authz, "bearer ");
  if (svc.config.auth == AuthMode::None) {
    // Loopback demo: any bearer token is accepted and, as on SharePoint,
    // replaces the form digest.
    bearer = hasBearer;
    return std::nullopt;
  }
  if (hasBearer && svc.tokens.validAccessToken(authz.substr(7))) {
    bearer = true;
    return std::nullopt;
  }
  Response r;
  r.status = 401;
  r.setHeader("WWW-Authenticate",
              "Bearer realm=\"" + svc.siteGuid + "\",client_id=\"00000003-0000-0ff1-ce00-000000000000\","
              "trusted_issuers=\"00000001-0000-0000-c000-000000000000@*\",authorization_uri=\"" +
                  req.origin + "/common/oauth2/authorize\"" + (hasBearer ? ",error=\"invalid_token\"" : ""));
  r.setHeader("Content-Type", contentTypeFor(f));
  r.body = hasBearer ? errorBody(f, "-2147024891, System.UnauthorizedAccessException",
                                 "Access denied. The access token is invalid or has expired.")
                     : errorBody(f, "-2147024891, System.UnauthorizedAccessException",
                                 "Access denied. You do not have permission to perform this action or access this resource.");
  return r;
}

Outcome SiteApi::Impl::serve(const Request& req) {
  Outcome out;
  if (startsWithI(req.path, "/_emulator/") || iequals(req.path, "/_emulator")) {
    out.response = handleControl(req, svc);
    return out;
  }
  std::string route;
  std::optional<FaultRule> fault;
  if (auto endpoint = oauthEndpoint(req.path)) {
    route = req.method + " oauth2/" + *endpoint;
    out.response = handleOAuth(req, svc, *endpoint);
  } else {
    fault = faults.draw();
    // The wait is the transport's (Outcome::delay): requests in flight overlap it.
    if (fault && fault->kind == FaultKind::Slow) out.delay += fault->delay;
    out.delay += svc.config.latency;
    const Flavour f = flavourFromAccept(req.header("accept"));
    if (fault && (fault->kind == FaultKind::Status429 || fault->kind == FaultKind::Status503)) {
      const int status = fault->kind == FaultKind::Status429 ? 429 : 503;
      route = "fault " + std::to_string(status);
      out.response = errorResponse(f, status, throttled().code(),
                                   status == 429 ? "The request has been throttled." : "Server Too Busy");
      out.response.setHeader("Retry-After", "1");
    } else {
      try {
        out.response = serveSite(req, route);
      } catch (const SpError& e) {
        out.response = errorResponse(f, e.status(), e.code(), e.message());
      } catch (const std::exception& e) {
        out.response = errorResponse(f, 500, "-1, System.InvalidOperationException", e.what());
      }
    }
    if (fault && fault->kind == FaultKind::Reset) out.delivery = Delivery::Reset;
    if (fault && fault->kind == FaultKind::Truncate) out.delivery = Delivery::Truncate;
  }
  if (out.response.body.size() >= 256 && acceptsGzip(req.header("accept-encoding")) &&
      !out.response.header("Content-Encoding")) {
    out.response.body = gzipCompress(out.response.body);
    out.response.setHeader("Content-Encoding", "gzip");
    out.response.setHeader("Vary", "Accept-Encoding");
  }
  svc.stats.record(route.empty() ? req.method + " other" : route, out.response.body.size());
  return out;
}

Response SiteApi::Impl::serveSite(const Request& req, std::string& route) {
  const Flavour f = flavourFromAccept(req.header("accept"));
  bool bearer = false;
  if (auto denied = checkAuth(req, f, bearer)) {
    route = req.method + " unauthorized";
    return *denied;
  }
  const bool isContextInfo = toLower(req.path).find("/_api/contextinfo") != std::string::npos;
  if (req.method != "GET" && !bearer && !isContextInfo) {
    const auto& digest = req.header("x-requestdigest");
    if (!svc.digest.valid(digest)) {
      route = req.method + " digest-rejected";
      throw invalidDigest();
    }
  }
  return dispatchApi(req, route, false);
}

Response SiteApi::Impl::dispatchApi(const Request& req, std::string& route, bool) {
  ApiContext ctx{req, svc, flavourFromAccept(req.header("accept")), req.origin,
                 req.origin + svc.config.sitePath, "", kCurrentUserId};
  const std::string apiPrefix = svc.config.sitePath + "/_api";
  if (!startsWithI(req.path, apiPrefix) ||
      (req.path.size() > apiPrefix.size() && req.path[apiPrefix.size()] != '/')) {
    route = req.method + " not-found";
    throw resourceNotFound(req.path);
  }
  const auto segments = splitApiPath(std::string_view(req.path).substr(apiPrefix.size()));
  if (!segments) {
    route = req.method + " bad-path";
    throw badRequest("The expression \"" + req.path + "\" is not valid.");
  }
  Response r;
  if (segments->empty()) {
    route = req.method + " not-found";
    throw resourceNotFound("_api");
  }
  const auto& first = (*segments)[0];
  if (first.is("contextinfo") && segments->size() == 1) {
    ctx.route = req.method + " contextinfo";
    r = handleContextInfo(ctx);
  } else if (first.is("$batch") && segments->size() == 1) {
    ctx.route = req.method + " $batch";
    r = handleBatch(ctx, [this](const Request& sub) {
      std::string subRoute;
      const Flavour f = flavourFromAccept(sub.header("accept"));
      try {
        return dispatchApi(sub, subRoute, false);
      } catch (const SpError& e) {
        return errorResponse(f, e.status(), e.code(), e.message());
      } catch (const std::exception& e) {
        return errorResponse(f, 500, "-1, System.InvalidOperationException", e.what());
      }
    });
  } else {
    try {
      r = handleWebAndLists(ctx, *segments);
    } catch (...) {
      // Failed requests still count under the route they were meant for.
      route = ctx.route.empty() ? req.method + " other" : ctx.route;
      throw;
    }
  }
  route = ctx.route.empty() ? req.method + " other" : ctx.route;
  return r;
}

}  // namespace deskpane::emu
