package provider

// The filters the UCloud families share, with their defaults from the provider's ucloud settings.

func ucloudRegionFilter[R, I any](set func(req *R, region string)) filter[R, I] {
	return filter[R, I]{
		name:        "region",
		kind:        textFilter,
		description: "Region to look in, such as `cn-bj2`. Defaults to the provider's `ucloud.region` (or `" + envUCloudRegion + "`).",
		param:       "Region",
		send:        func(req *R, v filterValue) { set(req, v.text) },
		scope:       true,
		fallback:    func(pd *providerData, _ map[string]filterValue) filterValue { return textValue(pd.ucloud.region) },
		required: "UCloud image lookups need a region. Set region in this data source, ucloud.region in the provider " +
			"block, or the " + envUCloudRegion + " environment variable, for example \"cn-bj2\".",
	}
}

func ucloudProjectFilter[R, I any](set func(req *R, projectID string)) filter[R, I] {
	return filter[R, I]{
		name: "project_id",
		kind: textFilter,
		description: "Project to look in; sub-accounts must set one. Defaults to the provider's `ucloud.project_id` (or `" +
			envUCloudProjectID + "`), else the account's default project.",
		param:    "ProjectId",
		send:     func(req *R, v filterValue) { set(req, v.text) },
		scope:    true,
		fallback: func(pd *providerData, _ map[string]filterValue) filterValue { return textValue(pd.ucloud.projectID) },
	}
}
