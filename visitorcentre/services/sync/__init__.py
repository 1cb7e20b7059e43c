"""What staff do about sync: the sync itself runs in visitorcentre.sync; these are the desk's own actions."""
