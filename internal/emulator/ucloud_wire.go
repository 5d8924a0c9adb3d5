package emulator

// uhostImageWire is UHostImageSet as sent: no Region, lists never null, PriceSet only when requested.
type uhostImageWire struct {
	Zone               string      `json:"Zone"`
	ImageID            string      `json:"ImageId"`
	ImageName          string      `json:"ImageName"`
	Tag                string      `json:"Tag"`
	OsType             string      `json:"OsType"`
	OsName             string      `json:"OsName"`
	ImageType          string      `json:"ImageType"`
	Features           []string    `json:"Features"`
	FuncType           string      `json:"FuncType"`
	IntegratedSoftware string      `json:"IntegratedSoftware"`
	Vendor             string      `json:"Vendor"`
	Links              string      `json:"Links"`
	State              string      `json:"State"`
	ImageDescription   string      `json:"ImageDescription"`
	CreateTime         int64       `json:"CreateTime"`
	ImageSize          int64       `json:"ImageSize"`
	MinimalCPU         string      `json:"MinimalCPU"`
	MaintainEol        string      `json:"MaintainEol"`
	DataSnapshotIDs    []string    `json:"DataSnapshotIds"`
	SupportedGPUTypes  []string    `json:"SupportedGPUTypes"`
	SceneCategories    []string    `json:"SceneCategories"`
	PrimarySoftware    string      `json:"PrimarySoftware"`
	PriceSet           *[]PriceSet `json:"PriceSet,omitempty"`
}

func toUHostWire(img UHostImage, withPrice bool) uhostImageWire {
	wire := uhostImageWire{
		Zone:               img.Zone,
		ImageID:            img.ImageID,
		ImageName:          img.ImageName,
		Tag:                img.Tag,
		OsType:             img.OsType,
		OsName:             img.OsName,
		ImageType:          img.ImageType,
		Features:           nonNil(img.Features),
		FuncType:           img.FuncType,
		IntegratedSoftware: img.IntegratedSoftware,
		Vendor:             img.Vendor,
		Links:              img.Links,
		State:              img.State,
		ImageDescription:   img.ImageDescription,
		CreateTime:         img.CreateTime,
		ImageSize:          img.ImageSize,
		MinimalCPU:         img.MinimalCPU,
		MaintainEol:        img.MaintainEol,
		DataSnapshotIDs:    nonNil(img.DataSnapshotIDs),
		SupportedGPUTypes:  nonNil(img.SupportedGPUTypes),
		SceneCategories:    nonNil(img.SceneCategories),
		PrimarySoftware:    img.PrimarySoftware,
	}
	if withPrice {
		prices := append([]PriceSet{}, img.PriceSet...)
		wire.PriceSet = &prices
	}
	return wire
}

// phostImageWire is PHostImageSet as sent: no Region, Zone or Clusters; CreateTime stays a string.
type phostImageWire struct {
	ImageID          string   `json:"ImageId"`
	ImageName        string   `json:"ImageName"`
	OsName           string   `json:"OsName"`
	OsType           string   `json:"OsType"`
	Support          []string `json:"Support"`
	Version          string   `json:"Version"`
	ImageType        string   `json:"ImageType"`
	CreateTime       string   `json:"CreateTime"`
	State            string   `json:"State"`
	ImageSize        int64    `json:"ImageSize"`
	ImageDescription string   `json:"ImageDescription"`
}

func toPHostWire(img PHostImage) phostImageWire {
	return phostImageWire{
		ImageID:          img.ImageID,
		ImageName:        img.ImageName,
		OsName:           img.OsName,
		OsType:           img.OsType,
		Support:          nonNil(img.Support),
		Version:          img.Version,
		ImageType:        img.ImageType,
		CreateTime:       img.CreateTime,
		State:            img.State,
		ImageSize:        img.ImageSize,
		ImageDescription: img.ImageDescription,
	}
}

func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}
